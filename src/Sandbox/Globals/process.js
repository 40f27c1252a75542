// A process object that tells the script it runs on Node 20 and nothing about the host: env holds only what the
// operator configured (SandboxOptions.ProcessEnv), cwd() is the virtual root, and exit/kill/binding/abort throw.
(function (env, queueMicrotask) {
  'use strict';
  function unavailable(name, advice) {
    return function () {
      var e = new Error('process.' + name + '() is not available in the sandbox: ' + advice);
      e.code = 'ERR_SANDBOX_UNAVAILABLE';
      throw e;
    };
  }
  function noop() { return process; }
  var start = Date.now();
  var process = {
    title: 'node',
    version: 'v20.0.0',
    versions: { node: '20.0.0' },
    release: { name: 'node' },
    platform: 'linux',
    arch: 'x64',
    argv: [],
    execArgv: [],
    env: env,
    exitCode: undefined,
    cwd: function cwd() { return '/'; },
    nextTick: function nextTick(callback) {
      if (typeof callback !== 'function') {
        var e = new TypeError('The "callback" argument must be of type function. Received ' + (callback === null ? 'null' : typeof callback));
        e.code = 'ERR_INVALID_ARG_TYPE';
        throw e;
      }
      var args = Array.prototype.slice.call(arguments, 1);
      queueMicrotask(function () { callback.apply(undefined, args); });
    },
    uptime: function uptime() { return (Date.now() - start) / 1000; },
    hrtime: (function () {
      function hrtime(previous) {
        var ms = Date.now() - start, s = Math.floor(ms / 1000), ns = (ms % 1000) * 1e6;
        if (previous) { s -= previous[0]; ns -= previous[1]; if (ns < 0) { s--; ns += 1e9; } }
        return [s, ns];
      }
      hrtime.bigint = function () { return BigInt(Date.now() - start) * 1000000n; };
      return hrtime;
    })(),
    memoryUsage: function memoryUsage() { return { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }; },
    emitWarning: function emitWarning() {},
    on: noop, once: noop, off: noop, addListener: noop, removeListener: noop, removeAllListeners: noop,
    listeners: function () { return []; },
    emit: function () { return false; },
    exit: unavailable('exit', 'return a value (or throw an error) from the function instead'),
    abort: unavailable('abort', 'throw an error from the function instead'),
    kill: unavailable('kill', 'the sandbox cannot signal processes'),
    binding: unavailable('binding', 'native bindings are not offered'),
    dlopen: unavailable('dlopen', 'native addons are not offered'),
  };
  Object.defineProperty(process, Symbol.toStringTag, { value: 'process' });
  return { process: process };
})
