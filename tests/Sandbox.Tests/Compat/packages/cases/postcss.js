const postcss = require('postcss');
module.exports.f = async () => {
  const prefix = { postcssPlugin: 'prefix', Rule(rule) { if (!rule.selector.startsWith('.app')) rule.selector = '.app ' + rule.selector; } };
  const result = await postcss([prefix]).process('a { color: red; } .b, .c { margin: 0 }\n@media (min-width: 1px) { d { top: 0 } }', { from: undefined });
  const root = postcss.parse('x { a: 1; b: 2 }');
  const decls = []; root.walkDecls(d => decls.push(d.prop + '=' + d.value));
  return { css: result.css, decls, warnings: result.warnings().length };
};
