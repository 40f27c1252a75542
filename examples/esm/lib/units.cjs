// A CommonJS module: an ES module imports module.exports as its default export.
module.exports = { length: 'cm' };
