const { marked } = require('marked');
module.exports.f = () => marked.parse('# Title\n\nSome *emphasis* and `code`.\n\n- one\n- two\n\n[link](https://example.com)\n');
