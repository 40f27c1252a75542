const equal = require('fast-deep-equal');
module.exports.f = () => [equal({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), equal({ a: 1 }, { a: '1' }), equal([1, 2], [2, 1]), equal(new Date(0), new Date(0))];
