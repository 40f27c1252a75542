// 'fs/promises': the promise forms of the 'fs' built-in, the same object as require('fs').promises.
module.exports = require('fs').promises;
