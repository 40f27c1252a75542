const Decimal = require('decimal.js');
module.exports.f = () => [
  new Decimal('0.1').plus('0.2').toString(),
  new Decimal(2).sqrt().toSignificantDigits(20).toString(),
  Decimal.pow(10, -7).toString(),
  new Decimal('1e-30').times('1e30').toString(),
];
