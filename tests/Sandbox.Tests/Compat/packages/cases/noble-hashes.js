const { sha256 } = require('@noble/hashes/sha256');
const { sha512 } = require('@noble/hashes/sha512');
const { hmac } = require('@noble/hashes/hmac');
const { pbkdf2 } = require('@noble/hashes/pbkdf2');
const { bytesToHex, randomBytes, utf8ToBytes } = require('@noble/hashes/utils');
module.exports.f = () => ({
  sha256: bytesToHex(sha256('abc')),
  sha512: bytesToHex(sha512(utf8ToBytes('hello'))).slice(0, 32),
  hmac: bytesToHex(hmac(sha256, 'key', 'message')),
  pbkdf2: bytesToHex(pbkdf2(sha256, 'password', 'salt', { c: 10, dkLen: 16 })),
  random: randomBytes(16).length,
});
