const Diff = require('diff');
module.exports.f = () => ({
  words: Diff.diffWords('the quick brown fox', 'the slow brown dog').map(p => (p.added ? '+' : p.removed ? '-' : '=') + p.value),
  patch: Diff.createPatch('file.txt', 'a\nb\nc\n', 'a\nB\nc\nd\n', 'old', 'new'),
  lines: Diff.diffLines('one\ntwo\n', 'one\nthree\n').length,
});
