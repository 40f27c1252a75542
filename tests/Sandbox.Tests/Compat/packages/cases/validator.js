const validator = require('validator');
module.exports.f = () => ({
  email: [validator.isEmail('foo@bar.com'), validator.isEmail('foo@')],
  url: validator.isURL('https://example.com/path?q=1'),
  uuid: validator.isUUID('6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
  escaped: validator.escape('<a href="x">'),
  ip: [validator.isIP('192.168.0.1'), validator.isIP('::1', 6)],
  normalized: validator.normalizeEmail('Foo.Bar+tag@GMAIL.com'),
});
