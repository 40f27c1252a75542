// The 'assert/strict' built-in: assert's strict mode, as in Node.
module.exports = require('assert').strict;
