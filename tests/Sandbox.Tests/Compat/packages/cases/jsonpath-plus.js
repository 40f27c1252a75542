const { JSONPath } = require('jsonpath-plus');
const store = { book: [{ title: 'A', price: 8 }, { title: 'B', price: 12 }, { title: 'C', price: 22, isbn: 'x' }], bicycle: { price: 19 } };
module.exports.f = () => ({
  titles: JSONPath({ path: '$.book[*].title', json: store }),
  cheap: JSONPath({ path: '$.book[?(@.price < 15)].title', json: store }),
  prices: JSONPath({ path: '$..price', json: store }),
  isbn: JSONPath({ path: '$.book[?(@.isbn)]', json: store, resultType: 'path' }),
});
