const ini = require('ini');
module.exports.f = () => {
  const cfg = ini.parse('; comment\nscope = global\n\n[database]\nuser = dbuser\npassword = "dbpassword"\n\n[paths.default]\ndatadir = /var/lib/data\narray[] = first\narray[] = second\n');
  return { cfg, out: ini.stringify({ section: { a: 1, b: 'x y' }, top: true }) };
};
