'use strict';
// Node's `path` module, POSIX flavour, written for the sandbox. The working directory is the run's virtual root,
// '/', so `path.resolve('x')` is '/x' and `path.resolve(__dirname, 'x')` names a file the run can require.

var SEP = '/';

function describe(value) {
  if (value === null) return 'null';
  if (typeof value === 'function') return 'function ' + (value.name || '<anonymous>');
  if (typeof value === 'object') return 'an instance of ' + ((value.constructor && value.constructor.name) || 'Object');
  var shown = typeof value === 'string' ? "'" + value + "'" : String(value);
  return 'type ' + typeof value + ' (' + shown + ')';
}

function requireString(value, name) {
  if (typeof value !== 'string') {
    var error = new TypeError('The "' + name + '" argument must be of type string. Received ' + describe(value));
    error.code = 'ERR_INVALID_ARG_TYPE';
    throw error;
  }
}

// Resolves '.' and '..' segments of a path without its leading slash. `keepLeadingDots` keeps '..' segments that
// climb above the start (for relative paths); otherwise they are dropped (nothing is above the root).
function collapse(path, keepLeadingDots) {
  var out = [];
  var parts = path.split(SEP);
  for (var i = 0; i < parts.length; i++) {
    var part = parts[i];
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (keepLeadingDots) out.push('..');
      continue;
    }
    out.push(part);
  }
  return out.join(SEP);
}

function isAbsolute(path) {
  requireString(path, 'path');
  return path.length > 0 && path.charCodeAt(0) === 47;
}

function normalize(path) {
  requireString(path, 'path');
  if (path.length === 0) return '.';
  var absolute = path.charCodeAt(0) === 47;
  var trailing = path.charCodeAt(path.length - 1) === 47;
  var body = collapse(path, !absolute);
  if (body.length === 0) {
    if (absolute) return SEP;
    return trailing ? './' : '.';
  }
  if (trailing) body += SEP;
  return absolute ? SEP + body : body;
}

function join() {
  var parts = [];
  for (var i = 0; i < arguments.length; i++) {
    requireString(arguments[i], 'path');
    if (arguments[i].length > 0) parts.push(arguments[i]);
  }
  return parts.length === 0 ? '.' : normalize(parts.join(SEP));
}

function resolve() {
  var resolved = '';
  var absolute = false;
  for (var i = arguments.length - 1; i >= 0 && !absolute; i--) {
    var path = arguments[i];
    requireString(path, 'paths[' + i + ']');
    if (path.length === 0) continue;
    resolved = path + SEP + resolved;
    absolute = path.charCodeAt(0) === 47;
  }
  // The working directory is the virtual root.
  var body = collapse(resolved, false);
  return SEP + body;
}

function relative(from, to) {
  requireString(from, 'from');
  requireString(to, 'to');
  if (from === to) return '';
  var fromParts = resolve(from).split(SEP).filter(Boolean);
  var toParts = resolve(to).split(SEP).filter(Boolean);
  var common = 0;
  while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common]) common++;
  var up = [];
  for (var i = common; i < fromParts.length; i++) up.push('..');
  return up.concat(toParts.slice(common)).join(SEP);
}

// Index just past the last character of `path` that is not a trailing slash (0 when it is all slashes).
function endWithoutTrailingSlashes(path) {
  var end = path.length;
  while (end > 1 && path.charCodeAt(end - 1) === 47) end--;
  return end;
}

function dirname(path) {
  requireString(path, 'path');
  if (path.length === 0) return '.';
  var absolute = path.charCodeAt(0) === 47;
  // The last slash that follows a non-slash character; the first character never counts (it is the root).
  var end = -1;
  var sawName = false;
  for (var i = path.length - 1; i >= 1; i--) {
    if (path.charCodeAt(i) !== 47) sawName = true;
    else if (sawName) {
      end = i;
      break;
    }
  }
  if (end === -1) return absolute ? SEP : '.';
  if (absolute && end === 1) return '//';
  return path.slice(0, end);
}

function basename(path, suffix) {
  if (suffix !== undefined) requireString(suffix, 'ext');
  requireString(path, 'path');
  var end = endWithoutTrailingSlashes(path);
  if (end === 1 && path.charCodeAt(0) === 47) {
    // Node answers a path of slashes with itself when a suffix at most as long is given, and '' otherwise.
    return suffix !== undefined && suffix.length > 0 && suffix.length <= path.length ? path : '';
  }
  var base = path.slice(path.lastIndexOf(SEP, end - 1) + 1, end);
  if (suffix !== undefined && suffix.length > 0 && suffix !== base && base.slice(-suffix.length) === suffix) {
    return base.slice(0, base.length - suffix.length);
  }
  return base;
}

// The extension of a base name: from its last dot, unless that dot starts the name ('.bashrc') or the name is '..'.
function extensionOf(base) {
  var dot = base.lastIndexOf('.');
  return dot <= 0 || base === '..' ? '' : base.slice(dot);
}

function extname(path) {
  requireString(path, 'path');
  return extensionOf(basename(path));
}

function parse(path) {
  requireString(path, 'path');
  var result = { root: '', dir: '', base: '', ext: '', name: '' };
  if (path.length === 0) return result;
  if (path.charCodeAt(0) === 47) result.root = SEP;
  var end = endWithoutTrailingSlashes(path);
  if (result.root && end === 1) {
    result.dir = SEP;
    return result;
  }
  result.base = basename(path);
  // Node's parse (unlike extname) reads '/..' as the name '.' with the extension '.'.
  result.ext = result.base === '..' && result.root && path.lastIndexOf(SEP, end - 1) === 0 ? '.' : extensionOf(result.base);
  result.name = result.ext ? result.base.slice(0, result.base.length - result.ext.length) : result.base;
  var slash = path.lastIndexOf(SEP, end - 1);
  if (slash > 0) result.dir = path.slice(0, slash);
  else if (slash === 0) result.dir = SEP;
  return result;
}

function format(parts) {
  if (parts === null || typeof parts !== 'object') {
    var error = new TypeError('The "pathObject" argument must be of type object. Received ' + describe(parts));
    error.code = 'ERR_INVALID_ARG_TYPE';
    throw error;
  }
  var dir = parts.dir || parts.root;
  var ext = parts.ext ? (parts.ext.charAt(0) === '.' ? parts.ext : '.' + parts.ext) : '';
  var base = parts.base || ((parts.name || '') + ext);
  if (!dir) return base;
  return dir === parts.root ? dir + base : dir + SEP + base;
}

function toNamespacedPath(path) {
  return path;
}

var posix = {
  sep: SEP,
  delimiter: ':',
  isAbsolute: isAbsolute,
  normalize: normalize,
  join: join,
  resolve: resolve,
  relative: relative,
  dirname: dirname,
  basename: basename,
  extname: extname,
  parse: parse,
  format: format,
  toNamespacedPath: toNamespacedPath,
};
posix.posix = posix;

module.exports = posix;
