const Handlebars = require('handlebars');
module.exports.f = () => {
  Handlebars.registerHelper('upper', s => String(s).toUpperCase());
  const template = Handlebars.compile('{{#each people}}{{upper name}} is {{age}}{{#unless @last}}, {{/unless}}{{/each}} {{title}}');
  return template({ people: [{ name: 'ada', age: 36 }, { name: 'alan', age: 41 }], title: '<x>' });
};
