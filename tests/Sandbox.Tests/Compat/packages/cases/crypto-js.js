const CryptoJS = require('crypto-js');
module.exports.f = () => {
  const key = CryptoJS.enc.Utf8.parse('0123456789abcdef');
  const iv = CryptoJS.enc.Utf8.parse('fedcba9876543210');
  const enc = CryptoJS.AES.encrypt('secret message', key, { iv }).toString();
  return {
    sha256: CryptoJS.SHA256('abc').toString(), md5: CryptoJS.MD5('abc').toString(), hmac: CryptoJS.HmacSHA1('msg', 'key').toString(CryptoJS.enc.Base64),
    aes: enc, back: CryptoJS.AES.decrypt(enc, key, { iv }).toString(CryptoJS.enc.Utf8), random: CryptoJS.lib.WordArray.random(8).sigBytes,
  };
};
