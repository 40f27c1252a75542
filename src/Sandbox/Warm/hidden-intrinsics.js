// The built-in objects no global property leads to: ECMAScript's well-known intrinsics that are only reachable
// through the values they produce (%ArrayIteratorPrototype%, %GeneratorFunction%…). A script can still change them
// (Object.getPrototypeOf([][Symbol.iterator]()).next = …), so warm reuse locks them like Array.prototype.
// Evaluated once per warm engine, before any user code runs; the intrinsics Jint holds are found beside these by
// reflection (HiddenIntrinsics.cs), so this list is a second net, not the only one.
var proto = Object.getPrototypeOf;
var found = [];
function add(get) {
  try {
    var value = get();
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
      found.push(value);
    }
  } catch (e) {
    // An intrinsic this engine does not have: nothing to protect.
  }
}
add(function () { return proto(function* () {}).constructor; });
add(function () { return proto(function* () {}).prototype; });
add(function () { return proto(async function () {}).constructor; });
add(function () { return proto(async function* () {}).constructor; });
add(function () { return proto(proto(async function* () {}).prototype); });
add(function () { return proto([][Symbol.iterator]()); });
add(function () { return proto(new Map()[Symbol.iterator]()); });
add(function () { return proto(new Set()[Symbol.iterator]()); });
add(function () { return proto(''[Symbol.iterator]()); });
add(function () { return proto(/a/g[Symbol.matchAll]('a')); });
add(function () { return proto(Uint8Array); });
add(function () { return proto([].values().map(function (x) { return x; })); });
add(function () { return proto(Iterator.from({ next: function () { return { done: true }; } })); });
add(function () { return (function () { 'use strict'; return Object.getOwnPropertyDescriptor(arguments, 'callee').get; })(); });
add(function () { return proto(proto(proto(async function* () {}).prototype)); });
add(function () { return proto(AsyncIterator.from({ next: function () { return Promise.resolve({ done: true }); } }).map(function (x) { return x; })); });
add(function () { return proto(AsyncIterator.from({ next: function () { return Promise.resolve({ done: true }); } })); });
add(function () { return proto(AsyncIterator.from([])); });
add(function () { return proto(Intl.Segmenter ? new Intl.Segmenter().segment('') : null); });
module.exports = found;
