const { Map, List, fromJS, Set } = require('immutable');
module.exports.f = () => {
  const m = Map({ a: 1, b: 2 }).set('c', 3).update('a', x => x + 10);
  const nested = fromJS({ x: { y: [1, 2] } }).setIn(['x', 'y', 1], 20);
  return { m: m.toJS(), list: List([3, 1, 2]).sort().push(4).toArray(), nested: nested.toJS(), equals: Map({ a: 1 }).equals(Map({ a: 1 })), set: Set([1, 1, 2]).size };
};
