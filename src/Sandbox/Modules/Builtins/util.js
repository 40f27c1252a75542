// The 'util' built-in. format and inspect are the sandbox's console formatting (host functions that take JS values
// and return strings); the rest is plain JavaScript. Loaded as a factory: module.exports(host) builds the module.
module.exports = function (host) {
  'use strict';
  var toStr = Object.prototype.toString;
  function tag(v) { return toStr.call(v).slice(8, -1); }
  function isObj(v) { return v !== null && typeof v === 'object'; }
  var custom = Symbol.for('nodejs.util.inspect.custom');
  var promisifyCustom = Symbol.for('nodejs.util.promisify.custom');

  function inspect(value) { return host.inspect(value); }
  inspect.custom = custom;
  inspect.defaultOptions = { depth: 2, colors: false, maxArrayLength: 100 };

  function invalidArg(name, type, value) {
    var e = new TypeError('The "' + name + '" argument must be of type ' + type + '. Received ' + (value === null ? 'null' : typeof value));
    e.code = 'ERR_INVALID_ARG_TYPE';
    return e;
  }

  function promisify(original) {
    if (typeof original !== 'function') throw invalidArg('original', 'function', original);
    if (original[promisifyCustom]) {
      var fn = original[promisifyCustom];
      return Object.defineProperty(fn, promisifyCustom, { value: fn, enumerable: false, configurable: true });
    }
    function promisified() {
      var self = this, args = Array.prototype.slice.call(arguments);
      return new Promise(function (resolve, reject) {
        args.push(function (err, value) { if (err) reject(err); else resolve(value); });
        original.apply(self, args);
      });
    }
    Object.setPrototypeOf(promisified, Object.getPrototypeOf(original));
    Object.defineProperty(promisified, promisifyCustom, { value: promisified, enumerable: false, configurable: true });
    return Object.defineProperties(promisified, Object.getOwnPropertyDescriptors(original));
  }
  promisify.custom = promisifyCustom;

  function callbackify(original) {
    if (typeof original !== 'function') throw invalidArg('original', 'function', original);
    return function () {
      var args = Array.prototype.slice.call(arguments), cb = args.pop(), self = this;
      if (typeof cb !== 'function') throw invalidArg('last argument', 'function', cb);
      Promise.resolve().then(function () { return original.apply(self, args); }).then(
        function (v) { queueMicrotask(function () { cb(null, v); }); },
        function (e) {
          if (!e) { var w = new Error('Promise was rejected with a falsy value'); w.reason = e; e = w; }
          queueMicrotask(function () { cb(e); });
        });
    };
  }

  function inherits(ctor, superCtor) {
    if (typeof ctor !== 'function') throw invalidArg('ctor', 'function', ctor);
    if (typeof superCtor !== 'function') throw invalidArg('superCtor', 'function', superCtor);
    Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  function deprecate(fn, msg) {
    var warned = false;
    return function () {
      if (!warned) { warned = true; if (typeof console !== 'undefined') console.warn('DeprecationWarning: ' + msg); }
      return fn.apply(this, arguments);
    };
  }

  var typed = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
  var types = {
    isDate: function (v) { return tag(v) === 'Date'; },
    isRegExp: function (v) { return tag(v) === 'RegExp'; },
    isMap: function (v) { return tag(v) === 'Map'; },
    isSet: function (v) { return tag(v) === 'Set'; },
    isWeakMap: function (v) { return tag(v) === 'WeakMap'; },
    isWeakSet: function (v) { return tag(v) === 'WeakSet'; },
    isPromise: function (v) { return tag(v) === 'Promise'; },
    isNativeError: function (v) { return tag(v) === 'Error'; },
    isArrayBuffer: function (v) { return tag(v) === 'ArrayBuffer'; },
    isAnyArrayBuffer: function (v) { return tag(v) === 'ArrayBuffer' || tag(v) === 'SharedArrayBuffer'; },
    isDataView: function (v) { return tag(v) === 'DataView'; },
    isArrayBufferView: function (v) { return ArrayBuffer.isView(v); },
    isTypedArray: function (v) { return ArrayBuffer.isView(v) && tag(v) !== 'DataView'; },
    isAsyncFunction: function (v) { return tag(v) === 'AsyncFunction' || tag(v) === 'AsyncGeneratorFunction'; },
    isGeneratorFunction: function (v) { return tag(v) === 'GeneratorFunction' || tag(v) === 'AsyncGeneratorFunction'; },
    isGeneratorObject: function (v) { return tag(v) === 'Generator'; },
    isBoxedPrimitive: function (v) { return isObj(v) && ['Number', 'String', 'Boolean', 'BigInt', 'Symbol'].indexOf(tag(v)) >= 0; },
    isProxy: function () { return false; },
  };
  typed.forEach(function (name) { types['is' + name] = function (v) { return tag(v) === name; }; });

  return {
    format: function format() { return host.format.apply(undefined, arguments); },
    formatWithOptions: function formatWithOptions(options) { return host.format.apply(undefined, Array.prototype.slice.call(arguments, 1)); },
    inspect: inspect,
    promisify: promisify,
    callbackify: callbackify,
    inherits: inherits,
    deprecate: deprecate,
    types: types,
    isDeepStrictEqual: function (a, b) { return require('assert').isDeepStrictEqual(a, b); },
    isArray: Array.isArray,
    isBoolean: function (v) { return typeof v === 'boolean'; },
    isNull: function (v) { return v === null; },
    isNullOrUndefined: function (v) { return v == null; },
    isNumber: function (v) { return typeof v === 'number'; },
    isString: function (v) { return typeof v === 'string'; },
    isSymbol: function (v) { return typeof v === 'symbol'; },
    isUndefined: function (v) { return v === undefined; },
    isRegExp: types.isRegExp,
    isObject: function (v) { return isObj(v); },
    isDate: types.isDate,
    isError: function (v) { return tag(v) === 'Error' || v instanceof Error; },
    isFunction: function (v) { return typeof v === 'function'; },
    isPrimitive: function (v) { return v === null || (typeof v !== 'object' && typeof v !== 'function'); },
    TextEncoder: host.TextEncoder,
    TextDecoder: host.TextDecoder,
  };
};
