const _ = require('lodash');
module.exports.f = () => ({
  chunk: _.chunk([1, 2, 3, 4, 5], 2),
  grouped: _.groupBy(['one', 'two', 'three'], 'length'),
  merged: _.merge({ a: { b: 1 } }, { a: { c: 2 } }),
  template: _.template('hello <%= user %>!')({ user: 'sandbox' }),
  camel: _.camelCase('Foo Bar-baz'),
  debounced: typeof _.debounce(() => {}, 10),
  sorted: _.sortBy([{ n: 3 }, { n: 1 }, { n: 2 }], 'n').map(x => x.n),
});
