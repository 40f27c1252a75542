// The 'assert' built-in: Node's assertion functions with AssertionError, deep equality after Node's rules
// (strict: same prototypes, Object.is for primitives; loose: == for primitives), Map/Set/Date/RegExp/typed arrays.
'use strict';

function AssertionError(options) {
  var message = options.message;
  var generated = message === undefined;
  if (generated) {
    message = options.operator === 'fail' ? 'Failed' : inspectShort(options.actual) + ' ' + options.operator + ' ' + inspectShort(options.expected);
  }
  var self = new Error(String(message));
  Object.setPrototypeOf(self, AssertionError.prototype);
  self.generatedMessage = generated;
  self.code = 'ERR_ASSERTION';
  self.actual = options.actual;
  self.expected = options.expected;
  self.operator = options.operator;
  return self;
}
AssertionError.prototype = Object.create(Error.prototype, {
  constructor: { value: AssertionError, writable: true, configurable: true },
  name: { value: 'AssertionError', writable: true, configurable: true },
});

function inspectShort(v) {
  try { return typeof v === 'string' ? "'" + v + "'" : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v); } catch (e) { return String(v); }
}

function fail(actual, expected, message, operator) {
  if (message instanceof Error) throw message;
  throw new AssertionError({ actual: actual, expected: expected, message: message, operator: operator });
}

var tag = function (v) { return Object.prototype.toString.call(v); };

function deepEqual(a, b, strict, seen) {
  if (strict ? Object.is(a, b) : (a == b || (a !== a && b !== b))) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (tag(a) !== tag(b)) return false;
  if (a instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof RegExp) return a.source === b.source && a.flags === b.flags;
  if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
  if (ArrayBuffer.isView(a)) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && !(!strict && a[i] == b[i])) return false;
    return true;
  }
  seen = seen || [];
  for (var s = 0; s < seen.length; s++) if (seen[s][0] === a && seen[s][1] === b) return true;
  seen.push([a, b]);
  if (a instanceof Map) {
    if (a.size !== b.size) return false;
    var ok = true;
    a.forEach(function (v, k) { if (ok && (!b.has(k) || !deepEqual(v, b.get(k), strict, seen))) ok = false; });
    return ok;
  }
  if (a instanceof Set) {
    if (a.size !== b.size) return false;
    var all = true, bs = Array.from(b);
    a.forEach(function (v) { if (all && !b.has(v) && !bs.some(function (w) { return deepEqual(v, w, strict, seen); })) all = false; });
    return all;
  }
  var ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (var k = 0; k < ka.length; k++) {
    if (!Object.prototype.hasOwnProperty.call(b, ka[k]) || !deepEqual(a[ka[k]], b[ka[k]], strict, seen)) return false;
  }
  return true;
}

function matches(error, expected) {
  if (expected === undefined) return true;
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && error instanceof expected) return true;
    if (Error.isPrototypeOf(expected) || expected === Error) return false;
    return expected(error) === true;
  }
  if (expected instanceof RegExp) return expected.test(String(error));
  if (typeof expected === 'object' && expected !== null) {
    return Object.keys(expected).every(function (k) {
      return expected[k] instanceof RegExp && typeof error[k] === 'string' ? expected[k].test(error[k]) : deepEqual(error[k], expected[k], true);
    });
  }
  return false;
}

function ok(value, message) { if (!value) fail(value, true, message === undefined ? 'The expression evaluated to a falsy value' : message, '=='); }
var assert = function assert(value, message) { ok(value, message); };
assert.ok = ok;
assert.AssertionError = AssertionError;
assert.fail = function (message) { fail(undefined, undefined, message === undefined ? 'Failed' : message, 'fail'); };
assert.equal = function (a, b, m) { if (!(a == b || (a !== a && b !== b))) fail(a, b, m, '=='); };
assert.notEqual = function (a, b, m) { if (a == b || (a !== a && b !== b)) fail(a, b, m, '!='); };
assert.strictEqual = function (a, b, m) { if (!Object.is(a, b)) fail(a, b, m, 'strictEqual'); };
assert.notStrictEqual = function (a, b, m) { if (Object.is(a, b)) fail(a, b, m, 'notStrictEqual'); };
assert.deepEqual = function (a, b, m) { if (!deepEqual(a, b, false)) fail(a, b, m, 'deepEqual'); };
assert.notDeepEqual = function (a, b, m) { if (deepEqual(a, b, false)) fail(a, b, m, 'notDeepEqual'); };
assert.deepStrictEqual = function (a, b, m) { if (!deepEqual(a, b, true)) fail(a, b, m, 'deepStrictEqual'); };
assert.notDeepStrictEqual = function (a, b, m) { if (deepEqual(a, b, true)) fail(a, b, m, 'notDeepStrictEqual'); };
assert.match = function (s, re, m) { if (!re.test(s)) fail(s, re, m, 'match'); };
assert.doesNotMatch = function (s, re, m) { if (re.test(s)) fail(s, re, m, 'doesNotMatch'); };
assert.ifError = function (v) { if (v !== null && v !== undefined) throw v; };
assert.throws = function (fn, expected, message) {
  if (typeof expected === 'string') { message = expected; expected = undefined; }
  try { fn(); } catch (e) {
    if (!matches(e, expected)) throw e;
    return;
  }
  fail(undefined, expected, message === undefined ? 'Missing expected exception.' : message, 'throws');
};
assert.doesNotThrow = function (fn, message) {
  try { fn(); } catch (e) { fail(e, undefined, typeof message === 'string' ? message : 'Got unwanted exception.\nActual message: "' + (e && e.message) + '"', 'doesNotThrow'); }
};
assert.rejects = function (promiseOrFn, expected, message) {
  return Promise.resolve().then(function () { return typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn; }).then(
    function () { fail(undefined, expected, message === undefined ? 'Missing expected rejection.' : message, 'rejects'); },
    function (e) { if (!matches(e, expected)) throw e; });
};
assert.doesNotReject = function (promiseOrFn, message) {
  return Promise.resolve().then(function () { return typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn; }).then(
    function () {}, function (e) { fail(e, undefined, message === undefined ? 'Got unwanted rejection.' : message, 'doesNotReject'); });
};
assert.isDeepStrictEqual = function (a, b) { return deepEqual(a, b, true); };
assert.strict = Object.assign(function strict(v, m) { ok(v, m); }, assert, {
  equal: assert.strictEqual, notEqual: assert.notStrictEqual, deepEqual: assert.deepStrictEqual, notDeepEqual: assert.notDeepStrictEqual,
});
assert.strict.strict = assert.strict;
module.exports = assert;
