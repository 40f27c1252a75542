const { createStore, combineReducers, applyMiddleware } = require('redux');
module.exports.f = () => {
  const counter = (s = 0, a) => a.type === 'inc' ? s + (a.by || 1) : a.type === 'dec' ? s - 1 : s;
  const log = (s = [], a) => a.type.startsWith('@@') ? s : s.concat(a.type);
  const seen = [];
  const tap = () => next => action => { seen.push(action.type); return next(action); };
  const store = createStore(combineReducers({ counter, log }), applyMiddleware(tap));
  store.dispatch({ type: 'inc' }); store.dispatch({ type: 'inc', by: 5 }); store.dispatch({ type: 'dec' });
  return { state: store.getState(), seen };
};
