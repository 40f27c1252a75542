// URL and URLSearchParams after the WHATWG URL standard, for the cases scripts meet: special schemes (http, https,
// ws, wss, ftp, file) with hosts, ports, paths, queries and fragments, relative resolution against a base, and
// opaque URLs (mailto:, data:, urn:). Hosts are ASCII-lowercased; IDNA (punycode) mapping is not done.
(function () {
  'use strict';
  var SPECIAL = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443', 'ftp:': '21', 'file:': '' };

  function invalid(input) {
    var e = new TypeError('Invalid URL');
    e.code = 'ERR_INVALID_URL';
    e.input = input;
    return e;
  }
  function encodeSet(s, re) {
    return s.replace(re, function (c) { return encodeURIComponent(c); });
  }
  var PATH_RE = /[\u0000-\u001f "<>`#?{}\u007f-\uffff]/g;
  var QUERY_RE = /[\u0000-\u001f "<>#'\u007f-\uffff]/g;
  var FRAG_RE = /[\u0000-\u001f "<>`\u007f-\uffff]/g;
  var USER_RE = /[\u0000-\u001f "<>`#?{}/:;=@\[\\\]^|\u007f-\uffff]/g;

  function normalizePath(segments) {
    var out = [];
    for (var i = 0; i < segments.length; i++) {
      var s = segments[i], last = i === segments.length - 1;
      if (s === '..' || s.toLowerCase() === '%2e%2e' || s.toLowerCase() === '.%2e' || s.toLowerCase() === '%2e.') {
        if (out.length) out.pop();
        if (last) out.push('');
      } else if (s === '.' || s.toLowerCase() === '%2e') {
        if (last) out.push('');
      } else {
        out.push(s);
      }
    }
    return out;
  }

  function parse(input, base) {
    var s = String(input).replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
    var u = { protocol: '', username: '', password: '', hostname: '', port: '', path: [], opaque: null, query: null, fragment: null };
    var m = /^([a-zA-Z][a-zA-Z0-9+.\-]*):/.exec(s), rest;
    var hash = s.indexOf('#');
    if (hash >= 0) { u.fragment = encodeSet(s.slice(hash + 1), FRAG_RE); s = s.slice(0, hash); }
    if (m) {
      u.protocol = m[1].toLowerCase() + ':';
      rest = s.slice(m[0].length);
      if (!(u.protocol in SPECIAL) && rest[0] !== '/') {
        var q0 = rest.indexOf('?');
        if (q0 >= 0) { u.query = encodeSet(rest.slice(q0 + 1), QUERY_RE); rest = rest.slice(0, q0); }
        u.opaque = rest.replace(/[\u0000-\u001f\u007f-\uffff]/g, function (c) { return encodeURIComponent(c); });
        return u;
      }
      if (base && base.protocol === u.protocol && u.protocol in SPECIAL && !/^[\\/]/.test(rest)) {
        return relative(rest, base, u);
      }
    } else {
      if (!base || base.opaque !== null) throw invalid(input);
      u.protocol = base.protocol;
      return relative(s, base, u);
    }
    var special = u.protocol in SPECIAL;
    var slashes = u.protocol === 'file:' ? /^[\/]{0,2}/ : special ? /^[\/]*/ : /^\/\//;
    var sm = slashes.exec(rest);
    if (sm && (special || sm[0].length === 2)) {
      rest = rest.slice(sm[0].length);
      var end = rest.search(special ? /[\\/?]/ : /[/?]/);
      var authority = end < 0 ? rest : rest.slice(0, end);
      rest = end < 0 ? '' : rest.slice(end);
      authorityInto(authority, u, input);
    } else if (special) {
      throw invalid(input);
    }
    pathAndQuery(rest, u);
    return u;
  }

  function authorityInto(authority, u, input) {
    var at = authority.lastIndexOf('@');
    if (at >= 0) {
      var cred = authority.slice(0, at), colon = cred.indexOf(':');
      u.username = encodeSet(colon < 0 ? cred : cred.slice(0, colon), USER_RE);
      u.password = colon < 0 ? '' : encodeSet(cred.slice(colon + 1), USER_RE);
      authority = authority.slice(at + 1);
    }
    var pm = /:(\d*)$/.exec(authority);
    if (pm && authority[0] !== '[' || pm && authority.indexOf(']') < pm.index) {
      authority = authority.slice(0, pm.index);
      if (pm[1] !== '') {
        var port = parseInt(pm[1], 10);
        if (port > 65535) throw invalid(input);
        u.port = SPECIAL[u.protocol] === String(port) ? '' : String(port);
      }
    } else if (/:/.test(authority) && authority[0] !== '[') {
      throw invalid(input);
    }
    var host = decodeURIComponent(authority).toLowerCase();
    if (/[\u0000\t\n\r #/<>?@\\^|%]/.test(host) || (host === '' && u.protocol in SPECIAL && u.protocol !== 'file:')) throw invalid(input);
    if (u.protocol in SPECIAL && /^\d+(\.\d+){3}$/.test(host) && host.split('.').some(function (p) { return +p > 255; })) throw invalid(input);
    u.hostname = host;
  }

  function pathAndQuery(rest, u) {
    var q = rest.indexOf('?');
    if (q >= 0) { u.query = encodeSet(rest.slice(q + 1), QUERY_RE); rest = rest.slice(0, q); }
    if (u.protocol in SPECIAL) rest = rest.replace(/\\/g, '/');
    var segs = rest === '' ? (u.protocol in SPECIAL ? [''] : []) : rest.replace(/^\//, '').split('/');
    u.path = normalizePath(segs.map(function (x) { return encodeSet(x, PATH_RE); }));
  }

  function relative(s, base, u) {
    u.username = base.username; u.password = base.password; u.hostname = base.hostname; u.port = base.port;
    if (/^[\\/]{2}/.test(s) && u.protocol in SPECIAL) return parse(u.protocol + s);
    if (s === '') { u.path = base.path.slice(); u.query = base.query; return u; }
    if (s[0] === '?') { u.path = base.path.slice(); u.query = encodeSet(s.slice(1), QUERY_RE); return u; }
    if (/^[\\/]/.test(s)) { pathAndQuery(s, u); return u; }
    var dir = base.path.slice(0, -1).join('/');
    pathAndQuery('/' + (dir ? dir + '/' : '') + s, u);
    return u;
  }

  function URL(url, base) {
    if (!(this instanceof URL)) throw new TypeError("Class constructor URL cannot be invoked without 'new'");
    if (arguments.length === 0) throw new TypeError('The "url" argument must be specified');
    var b = base === undefined ? null : (base instanceof URL ? base._u : parse(base, null));
    this._u = parse(url, b);
    this._search = new URLSearchParams(this._u.query || '');
    this._search._url = this;
  }
  function def(name, get, set) {
    Object.defineProperty(URL.prototype, name, { get: get, set: set, enumerable: true, configurable: true });
  }
  def('protocol', function () { return this._u.protocol; });
  def('username', function () { return this._u.username; });
  def('password', function () { return this._u.password; });
  def('hostname', function () { return this._u.hostname; }, function (v) { this._u.hostname = String(v).toLowerCase(); });
  def('port', function () { return this._u.port; }, function (v) { var p = String(v); this._u.port = p === SPECIAL[this._u.protocol] ? '' : p; });
  def('host', function () { return this._u.hostname + (this._u.port ? ':' + this._u.port : ''); });
  def('origin', function () {
    var u = this._u;
    return u.protocol in SPECIAL && u.protocol !== 'file:' ? u.protocol + '//' + this.host : 'null';
  });
  def('pathname', function () {
    return this._u.opaque !== null ? this._u.opaque : (this._u.path.length || this._u.protocol in SPECIAL ? '/' + this._u.path.join('/') : '');
  }, function (v) { if (this._u.opaque === null) pathAndQuery(String(v).replace(/[?#]/g, encodeURIComponent) + (this._u.query !== null ? '?' + this._u.query : ''), this._u); });
  def('search', function () { return this._u.query ? '?' + this._u.query : ''; }, function (v) {
    var s = String(v).replace(/^\?/, '');
    this._u.query = s === '' ? null : encodeSet(s, QUERY_RE);
    this._search._list = parsePairs(s);
  });
  def('searchParams', function () { return this._search; });
  def('hash', function () { return this._u.fragment ? '#' + this._u.fragment : ''; }, function (v) {
    var s = String(v).replace(/^#/, '');
    this._u.fragment = s === '' ? null : encodeSet(s, FRAG_RE);
  });
  def('href', function () {
    var u = this._u, out = u.protocol;
    if (u.opaque === null && (u.hostname !== '' || u.protocol in SPECIAL)) {
      out += '//';
      if (u.username || u.password) out += u.username + (u.password ? ':' + u.password : '') + '@';
      out += this.host;
    }
    return out + this.pathname + this.search + this.hash;
  }, function (v) { var n = new URL(v); this._u = n._u; this._search._list = n._search._list; });
  URL.prototype.toString = function toString() { return this.href; };
  URL.prototype.toJSON = function toJSON() { return this.href; };
  URL.canParse = function canParse(url, base) { try { new URL(url, base); return true; } catch (e) { return false; } };

  function decode(s) {
    s = s.replace(/\+/g, ' ');
    try { return decodeURIComponent(s); } catch (e) { return s.replace(/%([0-9a-fA-F]{2})/g, function (_, h) { return String.fromCharCode(parseInt(h, 16)); }); }
  }
  function encode(s) {
    return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()~]/g, function (c) { return '%' + c.charCodeAt(0).toString(16).toUpperCase(); });
  }
  function parsePairs(s) {
    return s.split('&').filter(Boolean).map(function (p) {
      var i = p.indexOf('=');
      return i < 0 ? [decode(p), ''] : [decode(p.slice(0, i)), decode(p.slice(i + 1))];
    });
  }

  function URLSearchParams(init) {
    if (!(this instanceof URLSearchParams)) throw new TypeError("Class constructor URLSearchParams cannot be invoked without 'new'");
    this._url = null;
    if (init === undefined || init === null) this._list = [];
    else if (typeof init === 'object' && typeof init[Symbol.iterator] === 'function') {
      this._list = Array.from(init, function (pair) {
        pair = Array.from(pair);
        if (pair.length !== 2) throw new TypeError('Each query pair must be an iterable [name, value] tuple');
        return [String(pair[0]), String(pair[1])];
      });
    } else if (typeof init === 'object') {
      this._list = Object.keys(init).map(function (k) { return [k, String(init[k])]; });
    } else this._list = parsePairs(String(init).replace(/^\?/, ''));
  }
  var P = URLSearchParams.prototype;
  P._update = function () { if (this._url) { var s = this.toString(); this._url._u.query = s === '' ? null : s; } };
  P.append = function (k, v) { this._list.push([String(k), String(v)]); this._update(); };
  P.delete = function (k) { k = String(k); this._list = this._list.filter(function (p) { return p[0] !== k; }); this._update(); };
  P.get = function (k) { k = String(k); for (var i = 0; i < this._list.length; i++) if (this._list[i][0] === k) return this._list[i][1]; return null; };
  P.getAll = function (k) { k = String(k); return this._list.filter(function (p) { return p[0] === k; }).map(function (p) { return p[1]; }); };
  P.has = function (k) { return this.get(k) !== null; };
  P.set = function (k, v) {
    k = String(k); v = String(v);
    var i = this._list.findIndex(function (p) { return p[0] === k; });
    if (i < 0) this._list.push([k, v]);
    else { this._list[i][1] = v; this._list = this._list.filter(function (p, j) { return j <= i || p[0] !== k; }); }
    this._update();
  };
  P.sort = function () {
    this._list = this._list.map(function (p, i) { return [p, i]; })
      .sort(function (a, b) { return a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]; })
      .map(function (x) { return x[0]; });
    this._update();
  };
  P.forEach = function (fn, thisArg) { this._list.slice().forEach(function (p) { fn.call(thisArg, p[1], p[0], this); }, this); };
  P.keys = function () { return this._list.map(function (p) { return p[0]; })[Symbol.iterator](); };
  P.values = function () { return this._list.map(function (p) { return p[1]; })[Symbol.iterator](); };
  P.entries = function () { return this._list.map(function (p) { return [p[0], p[1]]; })[Symbol.iterator](); };
  P[Symbol.iterator] = P.entries;
  Object.defineProperty(P, 'size', { get: function () { return this._list.length; } });
  P.toString = function () { return this._list.map(function (p) { return encode(p[0]) + '=' + encode(p[1]); }).join('&'); };

  return { URL: URL, URLSearchParams: URLSearchParams };
})
