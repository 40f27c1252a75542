const R = require('ramda');
module.exports.f = () => ({
  piped: R.pipe(R.map(R.multiply(2)), R.filter(R.gt(R.__, 4)), R.sum)([1, 2, 3, 4]),
  lens: R.set(R.lensPath(['a', 'b']), 5, { a: { b: 1, c: 2 } }),
  grouped: R.groupBy(R.prop('type'), [{ type: 'x', v: 1 }, { type: 'y', v: 2 }, { type: 'x', v: 3 }]),
  curried: R.curry((a, b, c) => a + b + c)(1)(2)(3),
});
