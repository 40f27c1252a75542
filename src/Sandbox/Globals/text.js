// TextEncoder, TextDecoder (UTF-8), atob and btoa, as in Node 20 and the WHATWG Encoding / HTML specs.
(function () {
  'use strict';
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  function invalidCharacter(fn) {
    var e = new Error("Failed to execute '" + fn + "': the string contains characters outside of the Latin1 range or is not valid base64.");
    e.name = 'InvalidCharacterError';
    e.code = 5;
    return e;
  }

  function encodeUtf8(input) {
    var s = String(input), out = [], i;
    for (i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; } else { c = 0xfffd; }
      } else if (c >= 0xd800 && c <= 0xdfff) {
        c = 0xfffd;
      }
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return new Uint8Array(out);
  }

  function TextEncoder() {
    if (!(this instanceof TextEncoder)) throw new TypeError("Class constructor TextEncoder cannot be invoked without 'new'");
  }
  Object.defineProperty(TextEncoder.prototype, 'encoding', { get: function () { return 'utf-8'; } });
  TextEncoder.prototype.encode = function encode(input) { return encodeUtf8(input === undefined ? '' : input); };
  TextEncoder.prototype.encodeInto = function encodeInto(input, dest) {
    var s = String(input), read = 0, written = 0, i = 0;
    while (i < s.length) {
      var step = s.codePointAt(i) > 0xffff ? 2 : 1;
      var bytes = encodeUtf8(s.slice(i, i + step));
      if (written + bytes.length > dest.length) break;
      dest.set(bytes, written);
      written += bytes.length; read += step; i += step;
    }
    return { read: read, written: written };
  };

  var LABELS = { 'utf-8': 'utf-8', 'utf8': 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'utf-16le': 'utf-16le', 'utf-16': 'utf-16le', 'latin1': 'windows-1252', 'iso-8859-1': 'windows-1252', 'ascii': 'windows-1252', 'windows-1252': 'windows-1252' };

  function TextDecoder(label, options) {
    if (!(this instanceof TextDecoder)) throw new TypeError("Class constructor TextDecoder cannot be invoked without 'new'");
    var key = label === undefined ? 'utf-8' : String(label).trim().toLowerCase();
    if (!Object.prototype.hasOwnProperty.call(LABELS, key)) {
      var e = new RangeError('The "' + label + '" encoding is not supported');
      e.code = 'ERR_ENCODING_NOT_SUPPORTED';
      throw e;
    }
    this._encoding = LABELS[key];
    this._fatal = !!(options && options.fatal);
    this._ignoreBOM = !!(options && options.ignoreBOM);
  }
  Object.defineProperty(TextDecoder.prototype, 'encoding', { get: function () { return this._encoding; } });
  Object.defineProperty(TextDecoder.prototype, 'fatal', { get: function () { return this._fatal; } });
  Object.defineProperty(TextDecoder.prototype, 'ignoreBOM', { get: function () { return this._ignoreBOM; } });

  function toBytes(input) {
    if (input === undefined) return new Uint8Array(0);
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    throw new TypeError('The "input" argument must be an instance of ArrayBuffer or ArrayBufferView');
  }

  TextDecoder.prototype.decode = function decode(input) {
    var b = toBytes(input), out = '', i = 0, chunk = [];
    function flush() { out += String.fromCharCode.apply(null, chunk); chunk = []; }
    function push(cp) {
      if (cp > 0xffff) { cp -= 0x10000; chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 1023)); } else chunk.push(cp);
      if (chunk.length > 8000) flush();
    }
    var self = this;
    function bad() {
      if (self._fatal) { var e = new TypeError('The encoded data was not valid for encoding ' + self._encoding); e.code = 'ERR_ENCODING_INVALID_ENCODED_DATA'; throw e; }
      push(0xfffd);
    }
    if (this._encoding === 'utf-16le') {
      for (i = 0; i + 1 < b.length; i += 2) push(b[i] | (b[i + 1] << 8));
      if (b.length % 2) bad();
      flush();
      return !this._ignoreBOM && out.charCodeAt(0) === 0xfeff ? out.slice(1) : out;
    }
    if (this._encoding === 'windows-1252') {
      for (i = 0; i < b.length; i++) push(b[i]);
      flush();
      return out;
    }
    if (!this._ignoreBOM && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
    while (i < b.length) {
      var c = b[i], need = 0, cp = 0, min = 0;
      if (c < 0x80) { push(c); i++; continue; }
      if (c >= 0xc2 && c <= 0xdf) { need = 1; cp = c & 31; min = 0x80; }
      else if (c >= 0xe0 && c <= 0xef) { need = 2; cp = c & 15; min = 0x800; }
      else if (c >= 0xf0 && c <= 0xf4) { need = 3; cp = c & 7; min = 0x10000; }
      else { bad(); i++; continue; }
      var j = 1;
      for (; j <= need; j++) {
        var n = b[i + j];
        if (n === undefined || (n & 0xc0) !== 0x80) break;
        cp = (cp << 6) | (n & 63);
      }
      if (j <= need || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) { bad(); i += Math.max(1, j); continue; }
      push(cp);
      i += need + 1;
    }
    flush();
    return out;
  };

  function btoa(data) {
    if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
    var s = String(data), out = '', i;
    for (i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) throw invalidCharacter('btoa');
    for (i = 0; i < s.length; i += 3) {
      var a = s.charCodeAt(i), b = s.charCodeAt(i + 1), c = s.charCodeAt(i + 2);
      out += B64[a >> 2] + B64[((a & 3) << 4) | (b >> 4 || 0)]
        + (i + 1 < s.length ? B64[((b & 15) << 2) | (c >> 6 || 0)] : '=')
        + (i + 2 < s.length ? B64[c & 63] : '=');
    }
    return out;
  }

  function atob(data) {
    if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
    var s = String(data).replace(/[\t\n\f\r ]/g, '');
    if (s.length % 4 === 0) s = s.replace(/==?$/, '');
    if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) throw invalidCharacter('atob');
    var out = '', bits = 0, acc = 0;
    for (var i = 0; i < s.length; i++) {
      acc = (acc << 6) | B64.indexOf(s[i]);
      bits += 6;
      if (bits >= 8) { bits -= 8; out += String.fromCharCode((acc >> bits) & 255); }
    }
    return out;
  }

  return { TextEncoder: TextEncoder, TextDecoder: TextDecoder, atob: atob, btoa: btoa };
})
