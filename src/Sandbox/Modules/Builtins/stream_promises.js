// 'stream/promises': the promise forms of pipeline and finished, the same functions as require('stream').promises.
module.exports = require('stream').promises;
