// structuredClone: the HTML structured clone algorithm for the values a script can hold here. Functions, symbols,
// WeakMaps, promises and other platform objects throw a DataCloneError, as in Node.
(function () {
  'use strict';
  function cloneError(what) {
    var e = new Error(what + ' could not be cloned.');
    e.name = 'DataCloneError';
    e.code = 25;
    return e;
  }
  var toStr = Object.prototype.toString;
  var ERRORS = { Error: Error, EvalError: EvalError, RangeError: RangeError, ReferenceError: ReferenceError, SyntaxError: SyntaxError, TypeError: TypeError, URIError: URIError };

  function structuredClone(value) {
    if (arguments.length === 0) throw new TypeError('The "value" argument must be specified');
    var seen = new Map();
    function clone(v) {
      var t = typeof v;
      if (t === 'function') throw cloneError(String(v).slice(0, 40).split('{')[0].trim() + '{...}');
      if (t === 'symbol') throw cloneError(String(v));
      if (v === null || t !== 'object') return v;
      if (seen.has(v)) return seen.get(v);
      var tag = toStr.call(v).slice(8, -1), out, k;
      switch (tag) {
        case 'Boolean': case 'Number': case 'String': case 'BigInt':
          out = Object(v.valueOf()); seen.set(v, out); return out;
        case 'Date': out = new Date(v.getTime()); seen.set(v, out); return out;
        case 'RegExp': out = new RegExp(v.source, v.flags); seen.set(v, out); return out;
        case 'ArrayBuffer': out = v.slice(0); seen.set(v, out); return out;
        case 'Map':
          out = new Map(); seen.set(v, out);
          v.forEach(function (val, key) { out.set(clone(key), clone(val)); });
          return out;
        case 'Set':
          out = new Set(); seen.set(v, out);
          v.forEach(function (val) { out.add(clone(val)); });
          return out;
        case 'Error':
          var Ctor = Object.prototype.hasOwnProperty.call(ERRORS, v.name) ? ERRORS[v.name] : Error;
          out = Object.create(Ctor.prototype); seen.set(v, out);
          if (v.message !== undefined) Object.defineProperty(out, 'message', { value: String(v.message), writable: true, configurable: true });
          if (v.stack !== undefined) Object.defineProperty(out, 'stack', { value: String(v.stack), writable: true, configurable: true });
          if ('cause' in v) Object.defineProperty(out, 'cause', { value: clone(v.cause), writable: true, configurable: true });
          return out;
        case 'Array':
          out = new Array(v.length); seen.set(v, out);
          for (k in v) if (Object.prototype.hasOwnProperty.call(v, k)) out[k] = clone(v[k]);
          return out;
        case 'Object': case 'Arguments':
          out = {}; seen.set(v, out);
          var keys = Object.keys(v);
          for (var i = 0; i < keys.length; i++) out[keys[i]] = clone(v[keys[i]]);
          return out;
      }
      if (ArrayBuffer.isView(v)) {
        var buffer = clone(v.buffer);
        out = tag === 'DataView' ? new DataView(buffer, v.byteOffset, v.byteLength)
          : new v.constructor(buffer, v.byteOffset, v.length);
        seen.set(v, out);
        return out;
      }
      throw cloneError(tag === 'Object' ? '#<Object>' : '#<' + tag + '>');
    }
    return clone(value);
  }
  return { structuredClone: structuredClone };
})
