const _ = require('underscore');
module.exports.f = () => ({
  uniq: _.uniq([1, 2, 1, 3, 2]),
  pluck: _.pluck([{ n: 'a' }, { n: 'b' }], 'n'),
  template: _.template('<b><%- value %></b>')({ value: '<i>' }),
  zip: _.zip(['a', 'b'], [1, 2]),
  invert: _.invert({ a: 'x', b: 'y' }),
});
