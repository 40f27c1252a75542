const ejs = require('ejs');
module.exports.f = () => ({
  page: ejs.render('<h1><%= title %></h1><ul><% items.forEach(function (i) { %><li><%- i %></li><% }) %></ul>', { title: 'A & B', items: ['<b>x</b>', 'y'] }),
  compiled: ejs.compile('Hi <%= name.toUpperCase() %>!')({ name: 'ada' }),
  fromFile: ejs.render('<%- include("ejs-partial.ejs", { who: "file" }) %>', {}, { filename: require('path').join(__dirname, 'main.ejs') }),
});
