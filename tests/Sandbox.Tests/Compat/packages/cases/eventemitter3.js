const EventEmitter = require('eventemitter3');
module.exports.f = () => {
  const e = new EventEmitter(); const out = [];
  e.on('x', (a, b) => out.push(a + b)); e.once('x', () => out.push('once')); e.on('y', function () { out.push(this.tag); }, { tag: 'ctx' });
  e.emit('x', 1, 2); e.emit('x', 3, 4); e.emit('y');
  return { out, names: e.eventNames(), count: e.listenerCount('x') };
};
