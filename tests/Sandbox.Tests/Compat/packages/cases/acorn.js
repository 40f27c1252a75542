const acorn = require('acorn');
module.exports.f = () => {
  const ast = acorn.parse('const f = async (a, { b }) => a?.x ?? b ** 2; class C { #p = 1; static { } }', { ecmaVersion: 2022 });
  let error; try { acorn.parse('let let = 1', { ecmaVersion: 2020 }); } catch (e) { error = e.message; }
  return { types: ast.body.map(n => n.type), end: ast.end, error, tokens: [...acorn.tokenizer('a + 1', { ecmaVersion: 2020 })].map(t => t.type.label) };
};
