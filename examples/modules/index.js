// Relative requires across files: ./lib/math.js, a folder index (./lib), and a .json module.
const math = require('./lib/math');
const { describe } = require('./lib');
const config = require('./config.json');

function area(width, height) {
  return describe('area', math.multiply(width, height), config.unit);
}

module.exports = { area };
