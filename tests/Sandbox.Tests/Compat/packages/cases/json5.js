const JSON5 = require('json5');
module.exports.f = () => ({ parsed: JSON5.parse("{ unquoted: 'single', trailing: [1, 2,], hex: 0xff, inf: Infinity, // c\n nan: NaN }"), out: JSON5.stringify({ a: 1, 'b-c': [true, null], s: "it's" }, null, 2) });
