// The 'crypto' built-in: random values and the common digests, computed by .NET's cryptography behind narrow host
// functions that take and return binary strings (one char per byte). Loaded as a factory: module.exports(host).
module.exports = function (host) {
  'use strict';
  var Buffer = require('buffer').Buffer;
  var ALGORITHMS = { md5: 'md5', sha1: 'sha1', 'sha-1': 'sha1', sha256: 'sha256', 'sha-256': 'sha256', sha384: 'sha384', 'sha-384': 'sha384', sha512: 'sha512', 'sha-512': 'sha512' };
  var MAX_RANDOM = 65536;

  function algorithm(name) {
    var key = String(name).toLowerCase();
    if (!Object.prototype.hasOwnProperty.call(ALGORITHMS, key)) {
      var e = new Error('Digest method not supported');
      e.code = 'ERR_CRYPTO_INVALID_DIGEST';
      throw e;
    }
    return ALGORITHMS[key];
  }
  function toBinary(data, encoding) {
    if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8').toString('latin1');
    if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
    if (data instanceof ArrayBuffer) return Buffer.from(data).toString('latin1');
    var e = new TypeError('The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView.');
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  function output(binary, encoding) {
    var buf = Buffer.from(binary, 'latin1');
    return encoding === undefined || encoding === 'buffer' ? buf : buf.toString(encoding);
  }

  // The digest's state lives in private fields: a script can neither read nor replace it (h._alg = {} used to reach
  // the host function and fail there, outside the script's reach).
  class Digest {
    #alg;
    #key;
    #parts = [];
    #done = false;
    constructor(alg, key) {
      this.#alg = algorithm(alg);
      this.#key = key;
    }
    update(data, encoding) {
      if (this.#done) { var e = new Error('Digest already called'); e.code = 'ERR_CRYPTO_HASH_FINALIZED'; throw e; }
      this.#parts.push(toBinary(data, encoding));
      return this;
    }
    digest(encoding) {
      if (this.#done) { var e = new Error('Digest already called'); e.code = 'ERR_CRYPTO_HASH_FINALIZED'; throw e; }
      this.#done = true;
      return output(host.digest(this.#alg, this.#parts.join(''), this.#key), encoding);
    }
    copy() {
      if (this.#done) { var e = new Error('Digest already called'); e.code = 'ERR_CRYPTO_HASH_FINALIZED'; throw e; }
      var c = new Digest(this.#alg, this.#key);
      c.#parts = this.#parts.slice();
      return c;
    }
  }
  Object.defineProperty(Digest, 'name', { value: 'Hash' });

  function checkSize(size) {
    if (typeof size !== 'number' || !(size >= 0) || size % 1 !== 0 || size > 2147483647) {
      var e = new RangeError('The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received ' + String(size));
      e.code = 'ERR_OUT_OF_RANGE';
      throw e;
    }
  }
  function fill(view) {
    var bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    for (var at = 0; at < bytes.length; at += MAX_RANDOM) {
      var chunk = host.random(Math.min(MAX_RANDOM, bytes.length - at));
      for (var i = 0; i < chunk.length; i++) bytes[at + i] = chunk.charCodeAt(i);
    }
    return view;
  }
  function randomBytes(size, callback) {
    checkSize(size);
    var buf = fill(Buffer.alloc(size));
    if (typeof callback === 'function') { queueMicrotask(function () { callback(null, buf); }); return undefined; }
    return buf;
  }
  function randomFillSync(view, offset, size) {
    offset = offset || 0;
    var end = size === undefined ? view.byteLength : offset + size;
    fill(new Uint8Array(view.buffer || view, (view.byteOffset || 0) + offset, end - offset));
    return view;
  }
  function getRandomValues(view) {
    if (!ArrayBuffer.isView(view) || view instanceof Float32Array || view instanceof Float64Array || view instanceof DataView) {
      var t = new TypeError('The data argument must be an integer-type TypedArray'); t.name = 'TypeMismatchError'; throw t;
    }
    if (view.byteLength > 65536) { var q = new RangeError("The ArrayBufferView's byte length (" + view.byteLength + ') exceeds the number of bytes of entropy available via this API (65536)'); q.name = 'QuotaExceededError'; throw q; }
    return fill(view);
  }
  function randomInt(min, max) {
    if (max === undefined) { max = min; min = 0; }
    var range = max - min, bytes = host.random(6), n = 0;
    for (var i = 0; i < 6; i++) n = n * 256 + bytes.charCodeAt(i);
    return min + Math.floor(n / 281474976710656 * range);
  }
  function timingSafeEqual(a, b) {
    if (a.byteLength !== b.byteLength) { var e = new RangeError('Input buffers must have the same byte length'); e.code = 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH'; throw e; }
    var x = 0;
    for (var i = 0; i < a.length; i++) x |= a[i] ^ b[i];
    return x === 0;
  }

  // Secret keys as Node's KeyObject: the key bytes sit in a private field, out of the script's reach.
  var SECRET = {};
  var keyBytes;
  class KeyObject {
    #type; #secret;
    constructor(type, handle) {
      if (handle !== SECRET) {
        var e = new TypeError('The "handle" argument must be of type object.'); e.code = 'ERR_INVALID_ARG_TYPE'; throw e;
      }
      this.#type = type;
      this.#secret = arguments[2];
    }
    get type() { return this.#type; }
    get symmetricKeySize() { return this.#secret.length; }
    get asymmetricKeyType() { return undefined; }
    export(options) {
      if (options && options.format === 'jwk') {
        return { kty: 'oct', k: Buffer.from(this.#secret, 'latin1').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') };
      }
      return Buffer.from(this.#secret, 'latin1');
    }
    equals(other) {
      if (!(other instanceof KeyObject)) { var e = new TypeError('The "otherKeyObject" argument must be an instance of KeyObject.'); e.code = 'ERR_INVALID_ARG_TYPE'; throw e; }
      return other.#type === this.#type && other.#secret === this.#secret;
    }
    static from(key) {
      var e = new TypeError('KeyObject.from(CryptoKey) is not available in the sandbox; import the raw key with createSecretKey instead');
      e.code = 'ERR_SANDBOX_UNAVAILABLE';
      throw e;
    }
    static { keyBytes = function (key) { return key.#secret; }; }
  }
  Object.defineProperty(KeyObject.prototype, Symbol.toStringTag, { value: 'KeyObject', configurable: true });
  function createSecretKey(key, encoding) {
    if (typeof key === 'string') return new KeyObject('secret', SECRET, Buffer.from(key, encoding || 'utf8').toString('latin1'));
    if (key instanceof KeyObject) { var k = new TypeError('The "key" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView.'); k.code = 'ERR_INVALID_ARG_TYPE'; throw k; }
    return new KeyObject('secret', SECRET, toBinary(key));
  }
  function asymmetricUnavailable(name) {
    return function () {
      var e = new Error('crypto.' + name + '() is not available in the sandbox: only secret (HMAC) keys are supported');
      e.code = 'ERR_SANDBOX_UNAVAILABLE';
      throw e;
    };
  }
  function hmacKey(key) {
    if (key instanceof KeyObject) {
      if (key.type !== 'secret') { var e = new TypeError('Invalid key object type ' + key.type + ', expected secret.'); e.code = 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE'; throw e; }
      return keyBytes(key);
    }
    return toBinary(key);
  }

  var webcrypto = host.webcrypto;
  return {
    createHash: function createHash(alg) { return new Digest(alg, undefined); },
    createHmac: function createHmac(alg, key) { return new Digest(alg, hmacKey(key)); },
    createSecretKey: createSecretKey,
    createPrivateKey: asymmetricUnavailable('createPrivateKey'),
    createPublicKey: asymmetricUnavailable('createPublicKey'),
    KeyObject: KeyObject,
    subtle: webcrypto.subtle,
    randomBytes: randomBytes,
    pseudoRandomBytes: randomBytes,
    randomFillSync: randomFillSync,
    randomUUID: function randomUUID() { return host.uuid(); },
    randomInt: randomInt,
    getRandomValues: getRandomValues,
    timingSafeEqual: timingSafeEqual,
    getHashes: function () { return ['md5', 'sha1', 'sha256', 'sha384', 'sha512']; },
    webcrypto: webcrypto,
  };
};
