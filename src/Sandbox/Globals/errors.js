// Error.captureStackTrace as V8 offers it: sets targetObject.stack to "<name>: <message>" and the caller's frames,
// leaving out constructorOpt and the frames above it when it is on the stack.
(function () {
  'use strict';
  function captureStackTrace(targetObject, constructorOpt) {
    if (targetObject === null || (typeof targetObject !== 'object' && typeof targetObject !== 'function')) {
      var e = new TypeError('The "targetObject" argument must be an object');
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    var frames = String(new Error().stack || '').split('\n').slice(1);
    frames = frames.filter(function (line) { return line.indexOf('sandbox:') < 0; });
    var name = typeof constructorOpt === 'function' && constructorOpt.name;
    if (name) {
      for (var i = 0; i < frames.length; i++) {
        if (frames[i].trim().indexOf('at ' + name + ' ') === 0) { frames = frames.slice(i + 1); break; }
      }
    }
    var head;
    try { head = Error.prototype.toString.call(targetObject); } catch (err) { head = 'Error'; }
    Object.defineProperty(targetObject, 'stack', { value: [head].concat(frames).join('\n'), writable: true, configurable: true });
  }
  return { captureStackTrace: captureStackTrace };
})
