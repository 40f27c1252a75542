const { clsx } = require('clsx');
module.exports.f = () => [clsx('a', { b: true, c: false }, ['d', ['e', { f: 1 }]], null, 0, 'g'), clsx(), clsx({ x: 0 })];
