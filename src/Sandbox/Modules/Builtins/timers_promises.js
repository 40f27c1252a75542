// 'timers/promises': setTimeout and setImmediate as promises (with an AbortSignal), and setInterval as an async
// iterator, on the run's own timers.
'use strict';
function abortError(signal) {
  var e = new Error('The operation was aborted');
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) e.cause = signal.reason;
  return e;
}
function checkSignal(options) {
  var signal = options && options.signal;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    var e = new TypeError('The "options.signal" property must be an instance of AbortSignal.');
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  return signal;
}
function later(schedule, clear, delay, value, options) {
  return new Promise(function (resolve, reject) {
    var signal = checkSignal(options);
    if (signal && signal.aborted) { reject(abortError(signal)); return; }
    var onAbort;
    var id = schedule(function () {
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve(value);
    }, delay);
    if (signal) {
      onAbort = function () { clear(id); reject(abortError(signal)); };
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
}
module.exports = {
  setTimeout: function (delay, value, options) {
    return later(function (f, d) { return setTimeout(f, d); }, function (id) { clearTimeout(id); }, delay, value, options);
  },
  setImmediate: function (value, options) {
    return later(function (f) { return setImmediate(f); }, function (id) { clearImmediate(id); }, 0, value, options);
  },
  setInterval: function (delay, value, options) {
    var signal = checkSignal(options);
    var waiting = [], ticks = 0, done = false;
    var id = setInterval(function () {
      if (waiting.length) waiting.shift().resolve({ value: value, done: false }); else ticks++;
    }, delay);
    function stop() { done = true; clearInterval(id); }
    if (signal) signal.addEventListener('abort', function () { stop(); waiting.splice(0).forEach(function (w) { w.reject(abortError(signal)); }); }, { once: true });
    var iterator = {
      next: function () {
        if (signal && signal.aborted) return Promise.reject(abortError(signal));
        if (done) return Promise.resolve({ value: undefined, done: true });
        if (ticks > 0) { ticks--; return Promise.resolve({ value: value, done: false }); }
        return new Promise(function (resolve, reject) { waiting.push({ resolve: resolve, reject: reject }); });
      },
      return: function () { stop(); return Promise.resolve({ value: undefined, done: true }); },
    };
    iterator[Symbol.asyncIterator] = function () { return iterator; };
    return iterator;
  },
  scheduler: {
    wait: function (delay, options) { return module.exports.setTimeout(delay, undefined, options); },
    yield: function () { return module.exports.setImmediate(); },
  },
};
