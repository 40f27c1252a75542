const semver = require('semver');
module.exports.f = () => ({
  valid: semver.valid('1.2.3-beta.1'),
  satisfies: semver.satisfies('1.4.2', '^1.2.0 || >=3'),
  max: semver.maxSatisfying(['1.2.3', '1.9.0', '2.0.0'], '~1'),
  inc: semver.inc('1.2.3', 'prerelease', 'rc'),
  sorted: ['2.0.0', '1.10.0', '1.2.0'].sort(semver.compare),
  coerce: String(semver.coerce('v3.4 final')),
});
