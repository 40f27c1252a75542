const Fraction = require('fraction.js');
module.exports.f = () => [new Fraction(1, 3).add('1/6').toFraction(), new Fraction('0.(3)').mul(3).toString(), new Fraction(22, 7).toContinued().map(String), new Fraction(1.88).simplify(0.01).toFraction(true)];
