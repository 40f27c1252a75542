const Mustache = require('mustache');
module.exports.f = () => Mustache.render('Hi {{name}}! {{#items}}<{{.}}>{{/items}}{{^empty}} none{{/empty}} {{{raw}}} {{esc}}', {
  name: 'Ada', items: [1, 2, 3], empty: [], raw: '<b>', esc: '<i>',
});
