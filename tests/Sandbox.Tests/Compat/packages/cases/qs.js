const qs = require('qs');
module.exports.f = () => ({
  parsed: qs.parse('a[b][c]=1&list[]=x&list[]=y&flag'),
  text: qs.stringify({ a: { b: [1, 2] }, s: 'x y&z' }, { encodeValuesOnly: true }),
  dots: qs.parse('a.b.c=d', { allowDots: true }),
});
