const { produce, enablePatches, produceWithPatches } = require('immer');
enablePatches();
module.exports.f = () => {
  const base = { todos: [{ id: 1, done: false }, { id: 2, done: false }], meta: { n: 2 } };
  const next = produce(base, d => { d.todos[0].done = true; d.todos.push({ id: 3, done: false }); d.meta.n = 3; });
  const [, patches] = produceWithPatches(base, d => { d.meta.n = 9; });
  return { next, sameTodo2: next.todos[1] === base.todos[1], frozen: Object.isFrozen(next), patches, base: base.meta.n };
};
