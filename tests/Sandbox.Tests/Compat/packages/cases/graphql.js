const { buildSchema, graphql, parse, print } = require('graphql');
const schema = buildSchema('type Query { hello(name: String): String, list: [Int!]! }');
const rootValue = { hello: ({ name }) => 'Hello ' + (name || 'world'), list: () => [1, 2, 3] };
module.exports.f = async () => ({
  ok: await graphql({ schema, source: '{ hello(name: "Ada") list }', rootValue }),
  bad: (await graphql({ schema, source: '{ nope }', rootValue })).errors.map(e => e.message),
  printed: print(parse('query Q($a: Int) { x(a: $a) { y } }')),
});
