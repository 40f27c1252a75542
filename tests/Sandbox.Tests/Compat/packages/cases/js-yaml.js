const yaml = require('js-yaml');
module.exports.f = () => {
  const doc = yaml.load('name: sandbox\nlist:\n  - 1\n  - two\nnested: { a: true, b: null }\n');
  return { doc, dumped: yaml.dump({ b: [1, 2], a: 'x: y' }, { sortKeys: true }) };
};
