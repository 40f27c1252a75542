const punycode = require('punycode/');
module.exports.f = () => ({
  ascii: punycode.toASCII('mañana.com'),
  unicode: punycode.toUnicode('xn--maana-pta.com'),
  encoded: punycode.encode('☃-⌘'),
  ucs2: punycode.ucs2.decode('𝌆'),
  version: punycode.version,
});
