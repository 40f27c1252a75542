const { Liquid } = require('liquidjs');
const engine = new Liquid();
module.exports.f = async () => ({
  out: await engine.parseAndRender('{% for u in users %}{{ u.name | upcase }}{% unless forloop.last %}, {% endunless %}{% endfor %} | {{ price | times: 1.5 | round: 2 }} | {{ "a-b" | split: "-" | join: "+" }}', { users: [{ name: 'ada' }, { name: 'bo' }], price: 3.333 }),
  sync: engine.parseAndRenderSync('{% assign x = 2 | plus: 3 %}{{ x }}{% if x > 4 %} big{% endif %}'),
});
