// Node's host modules as the sandbox offers them when the operator lets them load (SandboxOptions.HostModules):
// the names a package expects, with every function that would reach the host throwing ERR_SANDBOX_UNAVAILABLE.
// Answers that reveal nothing of the host and that packages read at load time are kept (os.EOL, tty.isatty() is
// false, worker_threads.isMainThread, perf_hooks.performance). Loaded as a factory: module.exports(name).
module.exports = function (name) {
  'use strict';
  function unavailable(what) {
    var f = function () {
      var e = new Error(name + '.' + what + '() is not available in the sandbox: it reaches the host, which sandboxed code may not');
      e.code = 'ERR_SANDBOX_UNAVAILABLE';
      throw e;
    };
    Object.defineProperty(f, 'name', { value: what });
    return f;
  }
  function denied(list, into) {
    var out = into || {};
    list.forEach(function (what) { out[what] = unavailable(what); });
    return out;
  }
  var servers = ['createServer', 'request', 'get', 'Agent', 'Server', 'ClientRequest', 'IncomingMessage', 'ServerResponse', 'OutgoingMessage'];
  switch (name) {
    case 'vm':
      return denied(['Script', 'createContext', 'isContext', 'runInContext', 'runInNewContext', 'runInThisContext', 'compileFunction', 'measureMemory', 'createScript', 'SourceTextModule']);
    case 'os':
      return denied(['hostname', 'cpus', 'totalmem', 'freemem', 'availableParallelism', 'networkInterfaces', 'userInfo', 'homedir', 'tmpdir', 'uptime', 'loadavg', 'release', 'version', 'machine', 'getPriority', 'setPriority'], {
        EOL: '\n', devNull: '/dev/null', constants: { signals: {}, errno: {}, priority: {} },
        platform: function () { return 'linux'; }, type: function () { return 'Linux'; },
        arch: function () { return 'x64'; }, endianness: function () { return 'LE'; },
      });
    case 'child_process':
      return denied(['exec', 'execSync', 'execFile', 'execFileSync', 'fork', 'spawn', 'spawnSync', 'ChildProcess']);
    case 'http': case 'https':
      return denied(servers, { globalAgent: {}, METHODS: [], STATUS_CODES: {}, maxHeaderSize: 16384 });
    case 'http2':
      return denied(['connect', 'createServer', 'createSecureServer', 'getDefaultSettings', 'getPackedSettings', 'getUnpackedSettings'], { constants: {} });
    case 'net':
      return denied(['createServer', 'createConnection', 'connect', 'Socket', 'Server', 'isIP', 'isIPv4', 'isIPv6', 'BlockList', 'SocketAddress']);
    case 'tls':
      return denied(['connect', 'createServer', 'createSecureContext', 'TLSSocket', 'Server', 'checkServerIdentity', 'getCiphers']);
    case 'dns': case 'dns/promises':
      var dns = denied(['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'reverse', 'setServers', 'getServers', 'Resolver']);
      if (name === 'dns') dns.promises = denied(['lookup', 'resolve', 'resolve4', 'resolve6', 'reverse', 'Resolver']);
      return dns;
    case 'dgram':
      return denied(['createSocket', 'Socket']);
    case 'cluster':
      return denied(['fork', 'setupPrimary', 'setupMaster', 'disconnect', 'on', 'once'], { isPrimary: true, isMaster: true, isWorker: false, workers: {} });
    case 'worker_threads':
      return denied(['Worker', 'MessageChannel', 'MessagePort', 'BroadcastChannel', 'receiveMessageOnPort', 'markAsUntransferable', 'moveMessagePortToContext', 'getEnvironmentData', 'setEnvironmentData'], {
        isMainThread: true, parentPort: null, workerData: null, threadId: 0, resourceLimits: {}, SHARE_ENV: Symbol('nodejs.worker_threads.SHARE_ENV'),
      });
    case 'tty':
      return denied(['ReadStream', 'WriteStream'], { isatty: function () { return false; } });
    case 'readline': case 'readline/promises':
      return denied(['createInterface', 'Interface', 'clearLine', 'clearScreenDown', 'cursorTo', 'moveCursor', 'emitKeypressEvents']);
    case 'perf_hooks':
      return denied(['PerformanceObserver', 'monitorEventLoopDelay', 'createHistogram'], { performance: performance, constants: {} });
    case 'async_hooks':
      function AsyncResource(type) { this.type = type; }
      AsyncResource.prototype.runInAsyncScope = function (fn, thisArg) { return fn.apply(thisArg, Array.prototype.slice.call(arguments, 2)); };
      AsyncResource.prototype.emitDestroy = function () { return this; };
      AsyncResource.prototype.asyncId = function () { return 0; };
      AsyncResource.prototype.triggerAsyncId = function () { return 0; };
      AsyncResource.prototype.bind = function (fn) { return fn.bind(this); };
      AsyncResource.bind = function (fn) { return fn; };
      return denied(['createHook', 'AsyncLocalStorage'], {
        AsyncResource: AsyncResource, executionAsyncId: function () { return 0; }, triggerAsyncId: function () { return 0; },
        executionAsyncResource: function () { return {}; },
      });
    case 'v8':
      return denied(['getHeapStatistics', 'getHeapSpaceStatistics', 'getHeapSnapshot', 'writeHeapSnapshot', 'setFlagsFromString', 'serialize', 'deserialize', 'cachedDataVersionTag']);
    case 'inspector': case 'inspector/promises':
      return denied(['open', 'close', 'url', 'waitForDebugger', 'Session'], { console: {} });
    default:
      return {};
  }
};
