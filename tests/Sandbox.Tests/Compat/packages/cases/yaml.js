const YAML = require('yaml');
module.exports.f = () => {
  const doc = YAML.parse('a: 1\nlist:\n  - x\n  - y: [1, 2]\nanchor: &A { k: v }\nref: *A\nmulti: |\n  line1\n  line2\n');
  return { doc, out: YAML.stringify({ name: 'n', nested: { arr: [1, 'two', null] } }), doc2: YAML.parseDocument('# c\nk: v').toString() };
};
