const deepmerge = require('deepmerge');
module.exports.f = () => ({
  merged: deepmerge({ a: [1], o: { x: 1 } }, { a: [2], o: { y: 2 } }),
  all: deepmerge.all([{ a: 1 }, { b: 2 }, { a: 3 }]),
  overwrite: deepmerge({ a: [1, 2] }, { a: [3] }, { arrayMerge: (_, source) => source }),
});
