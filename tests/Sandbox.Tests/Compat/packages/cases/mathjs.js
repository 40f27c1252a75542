const { create, all } = require('mathjs');
const math = create(all);
module.exports.f = () => ({
  eval: math.evaluate('sqrt(3^2 + 4^2) * 2'),
  units: math.evaluate('5.08 cm to inch').toString(),
  matrix: math.multiply([[1, 2], [3, 4]], [[5], [6]]),
  det: math.det([[1, 2], [3, 4]]),
  fraction: math.format(math.fraction(1, 3) + 0, { precision: 6 }),
  big: math.bignumber('0.1').plus(math.bignumber('0.2')).toString(),
  derivative: math.derivative('x^2 + 3x', 'x').toString(),
  simplify: math.simplify('2x + 3x').toString(),
});
