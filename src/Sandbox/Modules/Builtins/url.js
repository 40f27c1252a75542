// The 'url' built-in: the WHATWG URL classes (the same as the globals), file URL helpers for the virtual file
// system, and the legacy parse/format/resolve API.
// Loaded as a factory: module.exports(host), host holding the run's URL classes.
module.exports = function (host) {
'use strict';
var URLClass = host.URL, Params = host.URLSearchParams;

function fileURLToPath(u) {
  var url = typeof u === 'string' ? new URLClass(u) : u;
  if (url.protocol !== 'file:') { var e = new TypeError('The URL must be of scheme file'); e.code = 'ERR_INVALID_URL_SCHEME'; throw e; }
  return decodeURIComponent(url.pathname);
}
function pathToFileURL(p) {
  return new URLClass('file://' + encodeURI(String(p).charAt(0) === '/' ? String(p) : '/' + String(p)).replace(/[?#]/g, encodeURIComponent));
}

var LEGACY = /^(([a-z][a-z0-9+.\-]*:)?(\/\/)?(?:([^@\/?#]*)@)?([^:\/?#]*)(?::(\d*))?)?([^?#]*)(\?([^#]*))?(#.*)?$/i;
function Url() {
  this.protocol = null; this.slashes = null; this.auth = null; this.host = null; this.port = null; this.hostname = null;
  this.hash = null; this.search = null; this.query = null; this.pathname = null; this.path = null; this.href = null;
}
function parse(input, parseQueryString) {
  var s = String(input).trim(), m = LEGACY.exec(s), u = new Url();
  if (!m) { u.href = s; return u; }
  var hasAuthority = !!m[3] || (m[2] && /^(https?|ftp|wss?|file):$/i.test(m[2]));
  u.protocol = m[2] ? m[2].toLowerCase() : null;
  u.slashes = m[3] ? true : null;
  if (hasAuthority) {
    u.auth = m[4] !== undefined ? decodeURIComponent(m[4]) : null;
    u.hostname = (m[5] || '').toLowerCase();
    u.port = m[6] || null;
    u.host = u.hostname + (u.port ? ':' + u.port : '');
    u.pathname = m[7] || (u.slashes ? '/' : null);
  } else {
    u.pathname = (m[4] !== undefined ? m[4] + '@' : '') + (m[5] || '') + (m[6] ? ':' + m[6] : '') + (m[7] || '') || null;
  }
  u.search = m[8] || null;
  u.query = parseQueryString ? require('querystring').parse(m[9] || '') : (m[9] !== undefined ? m[9] : null);
  u.hash = m[10] || null;
  u.path = (u.pathname || '') + (u.search || '') || null;
  u.href = format(u);
  return u;
}
function format(u) {
  if (typeof u === 'string') u = parse(u);
  if (u instanceof URLClass) return u.href;
  var auth = u.auth ? encodeURIComponent(u.auth).replace(/%3A/i, ':') + '@' : '';
  var host = u.host || (u.hostname ? u.hostname + (u.port ? ':' + u.port : '') : '');
  var protocol = u.protocol || '';
  if (protocol && protocol.slice(-1) !== ':') protocol += ':';
  var search = u.search || (u.query && typeof u.query === 'object' && Object.keys(u.query).length ? '?' + require('querystring').stringify(u.query) : '');
  var pathname = u.pathname || '';
  var slashes = u.slashes || /^(https?|ftp|wss?|file):$/.test(protocol) ? '//' : '';
  if (host && pathname && pathname.charAt(0) !== '/') pathname = '/' + pathname;
  return protocol + (host || protocol === 'file:' ? slashes : '') + auth + host + pathname + search + (u.hash || '');
}
function resolve(from, to) {
  var base = new URLClass(from, 'resolve://');
  var out = new URLClass(to, base);
  if (out.protocol === 'resolve:') {
    var p = out.pathname + out.search + out.hash;
    return /^\//.test(from) ? p : p.replace(/^\//, '');
  }
  return out.href;
}

return {
  URL: URLClass, URLSearchParams: Params, fileURLToPath: fileURLToPath, pathToFileURL: pathToFileURL,
  parse: parse, format: format, resolve: resolve, Url: Url,
  domainToASCII: function (d) { return String(d).toLowerCase(); }, domainToUnicode: function (d) { return String(d); },
};
};
