// The 'fs' built-in, offered only when the operator allows host modules (SandboxOptions.HostModules). With
// ReadOnlyFileSystem the read functions see the run's jail through narrow host functions (stat, read, list) that take
// a virtual path and answer data or an error code; everything else, and everything under Denied, throws.
// Loaded as a factory: module.exports(host) — host is null when no file access was granted.
module.exports = function (host) {
  'use strict';
  var Buffer = require('buffer').Buffer;
  var path = require('path');
  var ERRNO = { ENOENT: -2, EISDIR: -21, ENOTDIR: -20, EFBIG: -27, EROFS: -30, EACCES: -13 };
  var DESCRIPTION = {
    ENOENT: 'no such file or directory', EISDIR: 'illegal operation on a directory', ENOTDIR: 'not a directory',
    EFBIG: 'file too large', EROFS: 'read-only file system', EACCES: 'permission denied',
  };

  function fsError(code, syscall, p) {
    var e = new Error(code + ': ' + DESCRIPTION[code] + ', ' + syscall + " '" + p + "'");
    e.errno = ERRNO[code]; e.code = code; e.syscall = syscall; e.path = p;
    return e;
  }
  function unavailable(name) {
    return function () {
      var e = new Error('fs.' + name + '() is not available in the sandbox: '
        + (host ? 'its file system is read-only' : 'the operator has not granted file access (SandboxOptions.HostModules = ReadOnlyFileSystem reads the run\'s own files)'));
      e.code = 'ERR_SANDBOX_UNAVAILABLE';
      throw e;
    };
  }
  function toPath(p, name) {
    if (p instanceof URL) {
      if (p.protocol !== 'file:') { var u = new TypeError('The URL must be of scheme file'); u.code = 'ERR_INVALID_URL_SCHEME'; throw u; }
      p = decodeURIComponent(p.pathname);
    } else if (Buffer.isBuffer(p)) {
      p = p.toString('utf8');
    }
    if (typeof p !== 'string') {
      var e = new TypeError('The "' + (name || 'path') + '" argument must be of type string or an instance of Buffer or URL. Received ' + (p === null ? 'null' : typeof p));
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    if (p.indexOf('\u0000') >= 0) {
      var z = new TypeError('The argument \'' + (name || 'path') + '\' must be a string, Uint8Array, or URL without null bytes. Received ' + JSON.stringify(p));
      z.code = 'ERR_INVALID_ARG_VALUE';
      throw z;
    }
    return path.resolve('/', p);
  }
  function encodingOf(options) { return typeof options === 'string' ? options : options && options.encoding; }

  function Stats(info) {
    var dir = info.kind === 'directory';
    this.dev = 0; this.mode = dir ? 16877 : 33188; this.nlink = 1; this.uid = 0; this.gid = 0; this.rdev = 0;
    this.blksize = 4096; this.ino = 0; this.size = info.size; this.blocks = Math.ceil(info.size / 512);
    this.atimeMs = this.mtimeMs = this.ctimeMs = this.birthtimeMs = info.mtimeMs;
    this.atime = new Date(info.mtimeMs); this.mtime = new Date(info.mtimeMs);
    this.ctime = new Date(info.mtimeMs); this.birthtime = new Date(info.mtimeMs);
    Object.defineProperty(this, '_kind', { value: info.kind });
  }
  Stats.prototype.isFile = function () { return this._kind === 'file'; };
  Stats.prototype.isDirectory = function () { return this._kind === 'directory'; };
  ['isSymbolicLink', 'isBlockDevice', 'isCharacterDevice', 'isFIFO', 'isSocket'].forEach(function (m) { Stats.prototype[m] = function () { return false; }; });

  function Dirent(name, kind, parent) { this.name = name; this.parentPath = parent; this.path = parent; Object.defineProperty(this, '_kind', { value: kind }); }
  Dirent.prototype = Object.create(Stats.prototype);
  Dirent.prototype.constructor = Dirent;

  function statSync(p, options) {
    var at = toPath(p);
    var info = host.stat(at);
    if (info === null) {
      if (options && options.throwIfNoEntry === false) return undefined;
      throw fsError('ENOENT', 'stat', at);
    }
    return new Stats(info);
  }
  function existsSync(p) {
    try { return host.stat(toPath(p)) !== null; } catch (e) { return false; }
  }
  function readFileSync(p, options) {
    if (typeof p === 'number') return unavailable('readFileSync (of a file descriptor)')();
    var at = toPath(p);
    var data = host.read(at);
    if (typeof data === 'number') {
      var code = data === ERRNO.EISDIR ? 'EISDIR' : data === ERRNO.EFBIG ? 'EFBIG' : 'ENOENT';
      throw fsError(code, code === 'EISDIR' ? 'read' : 'open', at);
    }
    var buf = Buffer.from(data, 'latin1');
    var encoding = encodingOf(options);
    return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
  }
  function readdirSync(p, options) {
    var at = toPath(p);
    var list = host.list(at);
    if (typeof list === 'number') throw fsError(list === ERRNO.ENOTDIR ? 'ENOTDIR' : 'ENOENT', 'scandir', at);
    if (options && options.withFileTypes) return list.map(function (e) { return new Dirent(e[0], e[1], at); });
    var encoding = encodingOf(options);
    return list.map(function (e) { return encoding === 'buffer' ? Buffer.from(e[0]) : e[0]; });
  }
  function realpathSync(p) {
    var at = toPath(p);
    var info = host.stat(at);
    if (info === null) throw fsError('ENOENT', 'realpath', at);
    return info.path;
  }
  realpathSync.native = realpathSync;
  function accessSync(p, mode) {
    var at = toPath(p);
    if (host.stat(at) === null) throw fsError('ENOENT', 'access', at);
    if (mode & 2) throw fsError('EROFS', 'access', at);
  }

  var constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_EXCL: 128, O_TRUNC: 512, O_APPEND: 1024, S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFLNK: 40960, COPYFILE_EXCL: 1 };
  var reads = { statSync: statSync, lstatSync: statSync, existsSync: existsSync, readFileSync: readFileSync, readdirSync: readdirSync, realpathSync: realpathSync, accessSync: accessSync };
  var writes = ['writeFileSync', 'appendFileSync', 'mkdirSync', 'mkdtempSync', 'rmSync', 'rmdirSync', 'unlinkSync', 'renameSync', 'copyFileSync', 'cpSync', 'symlinkSync', 'linkSync', 'chmodSync', 'chownSync', 'utimesSync', 'truncateSync', 'openSync', 'closeSync', 'readSync', 'writeSync', 'fstatSync', 'opendirSync', 'readlinkSync', 'lchownSync', 'lchmodSync', 'lutimesSync', 'fsyncSync', 'fdatasyncSync', 'ftruncateSync', 'futimesSync', 'fchmodSync', 'fchownSync', 'statfsSync'];
  var others = ['createReadStream', 'createWriteStream', 'watch', 'watchFile', 'unwatchFile'];

  var fs = { constants: constants, Stats: Stats, Dirent: Dirent, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 };
  Object.keys(reads).forEach(function (name) { fs[name] = host ? reads[name] : unavailable(name); });
  writes.forEach(function (name) { fs[name] = unavailable(name); });
  others.forEach(function (name) { fs[name] = unavailable(name); });

  // Callback forms: the answer is delivered on a later microtask, errors as the first argument.
  function callbackForm(syncName) {
    var sync = fs[syncName];
    return function () {
      var args = Array.prototype.slice.call(arguments);
      var callback = args.pop();
      if (typeof callback !== 'function') {
        var e = new TypeError('The "cb" argument must be of type function. Received ' + typeof callback);
        e.code = 'ERR_INVALID_ARG_TYPE';
        throw e;
      }
      var result, error = null;
      try { result = sync.apply(fs, args); } catch (err) { error = err; }
      queueMicrotask(function () { if (error) callback(error); else callback(null, result); });
    };
  }
  function promiseForm(syncName) {
    var sync = fs[syncName];
    return function () {
      var args = arguments;
      return new Promise(function (resolve) { resolve(sync.apply(fs, args)); });
    };
  }
  Object.keys(reads).concat(writes).forEach(function (syncName) {
    var name = syncName.slice(0, -4);
    if (name === 'exists') {
      fs.exists = function (p, callback) { var found = existsSync(p); queueMicrotask(function () { callback(found); }); };
      return;
    }
    fs[name] = callbackForm(syncName);
  });
  fs.realpath.native = fs.realpath;
  var promises = { constants: constants };
  Object.keys(reads).concat(writes).forEach(function (syncName) {
    var name = syncName.slice(0, -4);
    if (name !== 'exists' && name.indexOf('f') !== 0 && name !== 'close' && name !== 'read' && name !== 'write') promises[name] = promiseForm(syncName);
  });
  promises.open = promiseForm('openSync');
  fs.promises = promises;
  return fs;
};
