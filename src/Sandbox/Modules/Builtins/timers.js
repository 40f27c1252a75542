// The 'timers' built-in: the run's own timer functions (the globals), as Node's module offers them.
'use strict';
module.exports = {
  setTimeout: setTimeout, clearTimeout: clearTimeout,
  setInterval: setInterval, clearInterval: clearInterval,
  setImmediate: setImmediate, clearImmediate: clearImmediate,
  promises: require('timers/promises'),
};
