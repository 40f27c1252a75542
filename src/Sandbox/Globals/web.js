// The Web platform globals Node 20 offers: DOMException, Event, CustomEvent, EventTarget, AbortController, AbortSignal,
// performance and crypto (Web Crypto). Entropy, time and digests come from the host (narrow functions taking and
// returning strings and numbers); everything else is JavaScript. Per-object state lives in private class fields, so a
// script can neither read nor overwrite it.
(function (host) {
  'use strict';
  var defineProperty = Object.defineProperty;
  var apply = Reflect.apply;
  var queue = typeof queueMicrotask === 'function' ? queueMicrotask : function (f) { Promise.resolve().then(f); };

  function typeError(message, code) {
    var e = new TypeError(message);
    if (code) e.code = code;
    return e;
  }
  function hide(proto, names) {
    names.forEach(function (name) {
      var d = Object.getOwnPropertyDescriptor(proto, name);
      if (d) { d.enumerable = true; defineProperty(proto, name, d); }
    });
  }
  function tag(ctor, name) { defineProperty(ctor.prototype, Symbol.toStringTag, { value: name, configurable: true }); }

  // ---- DOMException ----
  var CODES = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5, NoModificationAllowedError: 7,
    NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13,
    NamespaceError: 14, InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20,
    URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
  };
  // name and message are own, read-only data properties (Node has prototype getters): Jint's Error.prototype.toString
  // calls getters with the wrong receiver, so getters reading private state would throw there.
  class DOMException extends Error {
    constructor(message, options) {
      super();
      var name = 'Error';
      if (options !== null && typeof options === 'object') {
        if ('name' in options) name = String(options.name);
        if ('cause' in options) defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true });
      } else if (options !== undefined) {
        name = String(options);
      }
      defineProperty(this, 'message', { value: message === undefined ? '' : String(message), configurable: true });
      defineProperty(this, 'name', { value: name, configurable: true });
    }
    get code() { return CODES[this.name] || 0; }
  }
  Object.keys(CODES).forEach(function (name) {
    var constant = name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase().replace(/_ERROR$/, '_ERR');
    defineProperty(DOMException, constant, { value: CODES[name], enumerable: true });
    defineProperty(DOMException.prototype, constant, { value: CODES[name], enumerable: true });
  });
  tag(DOMException, 'DOMException');

  // ---- Event, CustomEvent ----
  var now = function () { return host.now(); };
  var eventBegin, eventEnd, eventStopped, eventPassive;
  class Event {
    #type; #bubbles; #cancelable; #composed; #canceled = false; #stop = false; #stopNow = false;
    #target = null; #current = null; #phase = 0; #passive = false; #time;
    constructor(type, options) {
      if (arguments.length === 0) throw typeError('The "type" argument must be specified', 'ERR_MISSING_ARGS');
      if (options != null && typeof options !== 'object') throw typeError('The "options" argument must be of type object.', 'ERR_INVALID_ARG_TYPE');
      this.#type = String(type);
      this.#bubbles = !!(options && options.bubbles);
      this.#cancelable = !!(options && options.cancelable);
      this.#composed = !!(options && options.composed);
      this.#time = now();
    }
    get type() { return this.#type; }
    get bubbles() { return this.#bubbles; }
    get cancelable() { return this.#cancelable; }
    get composed() { return this.#composed; }
    get defaultPrevented() { return this.#cancelable && this.#canceled; }
    get returnValue() { return !this.defaultPrevented; }
    get timeStamp() { return this.#time; }
    get isTrusted() { return false; }
    get target() { return this.#target; }
    get currentTarget() { return this.#current; }
    get srcElement() { return this.#target; }
    get eventPhase() { return this.#phase; }
    get cancelBubble() { return this.#stop; }
    set cancelBubble(value) { if (value) this.#stop = true; }
    composedPath() { return this.#phase === 0 ? [] : [this.#current]; }
    preventDefault() { if (!this.#passive) this.#canceled = true; }
    stopPropagation() { this.#stop = true; }
    stopImmediatePropagation() { this.#stop = true; this.#stopNow = true; }
    static {
      // Dispatch needs the event's private state: these closures, made inside the class body, are the only way to it.
      eventBegin = function (event, target) {
        if (event.#phase !== 0) throw new DOMException('The event is already being dispatched', 'InvalidStateError');
        event.#target = target; event.#current = target; event.#phase = 2; event.#stop = false; event.#stopNow = false;
      };
      eventEnd = function (event) { event.#current = null; event.#phase = 0; event.#passive = false; };
      eventStopped = function (event) { return event.#stopNow; };
      eventPassive = function (event, passive) { event.#passive = passive; };
    }
  }
  class CustomEvent extends Event {
    #detail;
    constructor(type, options) {
      if (arguments.length === 0) throw typeError('The "type" argument must be specified', 'ERR_MISSING_ARGS');
      super(type, options);
      this.#detail = options != null && options.detail !== undefined ? options.detail : null;
    }
    get detail() { return this.#detail; }
  }
  tag(Event, 'Event');
  tag(CustomEvent, 'CustomEvent');
  [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]].forEach(function (c) {
    defineProperty(Event, c[0], { value: c[1], enumerable: true });
    defineProperty(Event.prototype, c[0], { value: c[1], enumerable: true });
  });

  // ---- EventTarget ----
  function flags(options) {
    if (typeof options === 'boolean') return { capture: options, once: false, passive: false, signal: undefined };
    if (options == null) return { capture: false, once: false, passive: false, signal: undefined };
    return { capture: !!options.capture, once: !!options.once, passive: !!options.passive, signal: options.signal };
  }
  function reportLater(error) { queue(function () { throw error; }); }
  var addAbortListener;
  class EventTarget {
    #listeners = new Map();
    addEventListener(type, listener, options) {
      if (arguments.length < 2) throw typeError('The "type" and "listener" arguments must be specified', 'ERR_MISSING_ARGS');
      if (listener == null) return;
      if (typeof listener !== 'function' && typeof listener !== 'object') {
        throw typeError('The "listener" argument must be an instance of EventListener. Received ' + typeof listener, 'ERR_INVALID_ARG_TYPE');
      }
      var f = flags(options);
      if (f.signal !== undefined && !(f.signal instanceof AbortSignal)) {
        throw typeError('The "options.signal" property must be an instance of AbortSignal.', 'ERR_INVALID_ARG_TYPE');
      }
      if (f.signal && f.signal.aborted) return;
      type = String(type);
      var list = this.#listeners.get(type);
      if (!list) { list = []; this.#listeners.set(type, list); }
      for (var i = 0; i < list.length; i++) {
        if (list[i].listener === listener && list[i].capture === f.capture) return;
      }
      var entry = { listener: listener, capture: f.capture, once: f.once, passive: f.passive, removed: false };
      list.push(entry);
      if (f.signal) {
        var self = this;
        addAbortListener(f.signal, function () { self.removeEventListener(type, listener, { capture: f.capture }); });
      }
    }
    removeEventListener(type, listener, options) {
      if (arguments.length < 2) throw typeError('The "type" and "listener" arguments must be specified', 'ERR_MISSING_ARGS');
      var capture = flags(options).capture;
      var list = this.#listeners.get(String(type));
      if (!list) return;
      for (var i = 0; i < list.length; i++) {
        if (list[i].listener === listener && list[i].capture === capture) {
          list[i].removed = true;
          list.splice(i, 1);
          return;
        }
      }
    }
    dispatchEvent(event) {
      if (!(event instanceof Event)) {
        throw typeError('The "event" argument must be an instance of Event. Received ' + (event === null ? 'null' : typeof event), 'ERR_INVALID_ARG_TYPE');
      }
      eventBegin(event, this);
      try {
        var list = this.#listeners.get(event.type);
        var snapshot = list ? list.slice() : [];
        for (var i = 0; i < snapshot.length; i++) {
          var entry = snapshot[i];
          if (entry.removed) continue;
          if (entry.once) this.removeEventListener(event.type, entry.listener, { capture: entry.capture });
          eventPassive(event, entry.passive);
          try {
            var listener = entry.listener;
            if (typeof listener === 'function') apply(listener, this, [event]);
            else if (listener && typeof listener.handleEvent === 'function') apply(listener.handleEvent, listener, [event]);
          } catch (error) {
            reportLater(error);
          }
          eventPassive(event, false);
          if (eventStopped(event)) break;
        }
      } finally {
        eventEnd(event);
      }
      return !event.defaultPrevented;
    }
  }
  tag(EventTarget, 'EventTarget');
  hide(EventTarget.prototype, ['addEventListener', 'removeEventListener', 'dispatchEvent']);

  // ---- AbortController, AbortSignal ----
  var SECRET = {};
  var signalAbort;
  function abortError() { return new DOMException('This operation was aborted', 'AbortError'); }
  class AbortSignal extends EventTarget {
    #aborted = false; #reason = undefined; #onabort = null; #followers = [];
    constructor(key) {
      super();
      if (key !== SECRET) throw typeError('Illegal constructor', 'ERR_ILLEGAL_CONSTRUCTOR');
    }
    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }
    throwIfAborted() { if (this.#aborted) throw this.#reason; }
    get onabort() { return this.#onabort; }
    set onabort(handler) {
      var wasSet = this.#onabort !== null;
      this.#onabort = typeof handler === 'function' || (handler !== null && typeof handler === 'object') ? handler : null;
      if (!wasSet && this.#onabort !== null) {
        var self = this;
        this.addEventListener('abort', function (event) {
          var h = self.#onabort;
          if (typeof h === 'function') return apply(h, self, [event]);
        });
      }
    }
    static abort(reason) {
      var signal = new AbortSignal(SECRET);
      signal.#aborted = true;
      signal.#reason = reason === undefined ? abortError() : reason;
      return signal;
    }
    static timeout(delay) {
      if (typeof delay !== 'number' || !(delay >= 0) || delay > 4294967295 || delay % 1 !== 0) {
        var e = new RangeError('The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received ' + String(delay));
        e.code = 'ERR_OUT_OF_RANGE';
        throw e;
      }
      var signal = new AbortSignal(SECRET);
      setTimeout(function () { signalAbort(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError')); }, delay);
      return signal;
    }
    static any(signals) {
      var list = Array.from(signals);
      var signal = new AbortSignal(SECRET);
      for (var i = 0; i < list.length; i++) {
        if (!(list[i] instanceof AbortSignal)) {
          throw typeError('The "signals[' + i + ']" argument must be an instance of AbortSignal.', 'ERR_INVALID_ARG_TYPE');
        }
        if (list[i].aborted) { signal.#aborted = true; signal.#reason = list[i].reason; return signal; }
      }
      list.forEach(function (source) { source.#followers.push(signal); });
      return signal;
    }
    static {
      signalAbort = function (signal, reason) {
        if (signal.#aborted) return;
        signal.#aborted = true;
        signal.#reason = reason === undefined ? abortError() : reason;
        signal.dispatchEvent(new Event('abort'));
        var followers = signal.#followers;
        signal.#followers = [];
        followers.forEach(function (f) { signalAbort(f, signal.#reason); });
      };
    }
  }
  addAbortListener = function (signal, f) { signal.addEventListener('abort', f, { once: true }); };
  tag(AbortSignal, 'AbortSignal');
  hide(AbortSignal.prototype, ['aborted', 'reason', 'throwIfAborted', 'onabort']);

  class AbortController {
    #signal = new AbortSignal(SECRET);
    get signal() { return this.#signal; }
    abort(reason) { signalAbort(this.#signal, reason); }
  }
  tag(AbortController, 'AbortController');
  hide(AbortController.prototype, ['signal', 'abort']);

  // ---- performance ----
  var timeOrigin = Date.now() - host.now();
  var entries = [];
  function entry(name, type, start, duration, detail) {
    var e = { name: String(name), entryType: type, startTime: start, duration: duration, detail: detail === undefined ? null : detail };
    defineProperty(e, 'toJSON', { value: function () { return { name: e.name, entryType: e.entryType, startTime: e.startTime, duration: e.duration, detail: e.detail }; } });
    return e;
  }
  function markTime(name) {
    if (typeof name === 'number') return name;
    for (var i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'mark' && entries[i].name === name) return entries[i].startTime;
    throw new DOMException("The \"" + name + "\" performance mark has not been set", 'SyntaxError');
  }
  class Performance extends EventTarget {
    constructor(key) { super(); if (key !== SECRET) throw typeError('Illegal constructor', 'ERR_ILLEGAL_CONSTRUCTOR'); }
    now() { return host.now(); }
    get timeOrigin() { return timeOrigin; }
    mark(name, options) {
      var e = entry(name, 'mark', options && options.startTime !== undefined ? options.startTime : host.now(), 0, options && options.detail);
      entries.push(e);
      return e;
    }
    measure(name, start, end) {
      var options = start !== null && typeof start === 'object' ? start : null;
      var from = options ? (options.start === undefined ? 0 : markTime(options.start)) : (start === undefined ? 0 : markTime(start));
      var to = options ? (options.end === undefined ? host.now() : markTime(options.end)) : (end === undefined ? host.now() : markTime(end));
      var e = entry(name, 'measure', from, to - from, options && options.detail);
      entries.push(e);
      return e;
    }
    getEntries() { return entries.slice(); }
    getEntriesByName(name, type) { return entries.filter(function (e) { return e.name === name && (type === undefined || e.entryType === type); }); }
    getEntriesByType(type) { return entries.filter(function (e) { return e.entryType === type; }); }
    clearMarks(name) { entries = entries.filter(function (e) { return e.entryType !== 'mark' || (name !== undefined && e.name !== name); }); }
    clearMeasures(name) { entries = entries.filter(function (e) { return e.entryType !== 'measure' || (name !== undefined && e.name !== name); }); }
    toJSON() { return { timeOrigin: timeOrigin, nodeTiming: {}, eventLoopUtilization: {} }; }
  }
  tag(Performance, 'Performance');
  var performance = new Performance(SECRET);

  // ---- crypto (Web Crypto) ----
  var MAX_RANDOM = 65536;
  function binaryOf(bytes) {
    var out = '';
    for (var i = 0; i < bytes.length; i += 8192) out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return out;
  }
  function bytesOf(binary) {
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  function bufferSource(data, what) {
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    throw typeError('The "' + what + '" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.', 'ERR_INVALID_ARG_TYPE');
  }
  function getRandomValues(view) {
    if (!ArrayBuffer.isView(view) || view instanceof DataView || (typeof Float32Array !== 'undefined' && view instanceof Float32Array) || view instanceof Float64Array) {
      throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
    }
    if (view.byteLength > MAX_RANDOM) {
      throw new DOMException("The ArrayBufferView's byte length (" + view.byteLength + ') exceeds the number of bytes of entropy available via this API (65536)', 'QuotaExceededError');
    }
    var bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    var chunk = host.random(bytes.length);
    for (var i = 0; i < chunk.length; i++) bytes[i] = chunk.charCodeAt(i);
    return view;
  }
  var HASHES = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
  function hashName(algorithm) {
    var name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
    var upper = String(name).toUpperCase();
    if (!Object.prototype.hasOwnProperty.call(HASHES, upper)) throw new DOMException('Unrecognized algorithm name', 'NotSupportedError');
    return upper;
  }
  class CryptoKey {
    #algorithm; #extractable; #usages; #secret;
    constructor(key, algorithm, extractable, usages, secret) {
      if (key !== SECRET) throw typeError('Illegal constructor', 'ERR_ILLEGAL_CONSTRUCTOR');
      this.#algorithm = algorithm; this.#extractable = extractable; this.#usages = usages; this.#secret = secret;
    }
    get type() { return 'secret'; }
    get algorithm() { return this.#algorithm; }
    get extractable() { return this.#extractable; }
    get usages() { return this.#usages.slice(); }
    static { keySecret = function (key) { return key.#secret; }; }
  }
  var keySecret;
  tag(CryptoKey, 'CryptoKey');
  function hmacKey(key, usage) {
    if (!(key instanceof CryptoKey)) throw typeError('The "key" argument must be an instance of CryptoKey.', 'ERR_INVALID_ARG_TYPE');
    if (key.usages.indexOf(usage) < 0) throw new DOMException('Unable to use this key to ' + usage, 'InvalidAccessError');
    return key;
  }
  function settle(work) { return new Promise(function (resolve) { resolve(work()); }); }
  class SubtleCrypto {
    constructor(key) { if (key !== SECRET) throw typeError('Illegal constructor', 'ERR_ILLEGAL_CONSTRUCTOR'); }
    digest(algorithm, data) {
      return settle(function () {
        var hash = HASHES[hashName(algorithm)];
        return bytesOf(host.digest(hash, binaryOf(bufferSource(data, 'data')))).buffer;
      });
    }
    importKey(format, keyData, algorithm, extractable, usages) {
      return settle(function () {
        var name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
        if (format !== 'raw' || String(name).toUpperCase() !== 'HMAC') {
          throw new DOMException('Only raw HMAC keys are supported in the sandbox', 'NotSupportedError');
        }
        var hash = hashName(algorithm.hash);
        var secret = binaryOf(bufferSource(keyData, 'keyData'));
        return new CryptoKey(SECRET, { name: 'HMAC', length: secret.length * 8, hash: { name: hash } }, !!extractable, Array.from(usages || []), secret);
      });
    }
    sign(algorithm, key, data) {
      return settle(function () {
        hmacKey(key, 'sign');
        return bytesOf(host.digest(HASHES[key.algorithm.hash.name], binaryOf(bufferSource(data, 'data')), keySecret(key))).buffer;
      });
    }
    verify(algorithm, key, signature, data) {
      return settle(function () {
        hmacKey(key, 'verify');
        var expected = host.digest(HASHES[key.algorithm.hash.name], binaryOf(bufferSource(data, 'data')), keySecret(key));
        var given = binaryOf(bufferSource(signature, 'signature'));
        return expected === given;
      });
    }
  }
  tag(SubtleCrypto, 'SubtleCrypto');
  class Crypto {
    #subtle = new SubtleCrypto(SECRET);
    constructor(key) { if (key !== SECRET) throw typeError('Illegal constructor', 'ERR_ILLEGAL_CONSTRUCTOR'); }
    get subtle() { return this.#subtle; }
    getRandomValues(view) { return getRandomValues(view); }
    randomUUID() { return host.uuid(); }
  }
  tag(Crypto, 'Crypto');
  var crypto = new Crypto(SECRET);

  return {
    DOMException: DOMException, Event: Event, CustomEvent: CustomEvent, EventTarget: EventTarget,
    AbortController: AbortController, AbortSignal: AbortSignal, performance: performance, Performance: Performance,
    crypto: crypto, Crypto: Crypto, CryptoKey: CryptoKey, SubtleCrypto: SubtleCrypto,
  };
})
