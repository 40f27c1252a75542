const bytes = require('bytes');
module.exports.f = () => [bytes(1024), bytes(1536, { decimalPlaces: 1 }), bytes('1MB'), bytes.parse('2.5kb'), bytes(10 * 1024 * 1024 * 1024, { unitSeparator: ' ' })];
