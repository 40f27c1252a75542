const { minimatch } = require('minimatch');
module.exports.f = () => [minimatch('src/a/b.js', 'src/**/*.js'), minimatch('x.ts', '*.{js,ts}'), minimatch('.hidden', '*'), minimatch('.hidden', '*', { dot: true }), minimatch.makeRe('a/*.c').source, minimatch('lib/x.min.js', '!**/*.min.js')];
