const { match, compile, pathToRegexp } = require('path-to-regexp');
module.exports.f = () => {
  const m = match('/users/:id{/posts/:post}');
  return { a: m('/users/42/posts/7'), b: m('/users/42'), c: m('/nope'), url: compile('/users/:id')({ id: 'a b' }), keys: pathToRegexp('/:a/*rest').keys.map(k => k.name) };
};
