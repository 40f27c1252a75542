const hljs = require('highlight.js/lib/core');
hljs.registerLanguage('javascript', require('highlight.js/lib/languages/javascript'));
hljs.registerLanguage('isbl', require('highlight.js/lib/languages/isbl'));
hljs.registerLanguage('1c', require('highlight.js/lib/languages/1c'));
module.exports.f = () => ({
  js: hljs.highlight('const x = 1; // one', { language: 'javascript' }).value,
  isbl: hljs.highlight('if x = 1 then y = 2 endif', { language: 'isbl' }).value.length,
  auto: hljs.highlightAuto('function f() { return 1 }', ['javascript', '1c']).language,
  languages: hljs.listLanguages().sort(),
});
