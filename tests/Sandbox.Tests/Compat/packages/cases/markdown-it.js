const md = require('markdown-it')({ linkify: true, typographer: true });
module.exports.f = () => [md.render('# Title\n\nSome *emphasis* and `code`, see https://example.com -- "quotes"\n\n- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n'), md.renderInline('**bold** [link](http://xn--mnchen-3ya.de)')];
