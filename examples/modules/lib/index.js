// Required by ../index.js as './lib' (a folder's index).
exports.describe = (what, value, unit) => `${what} = ${value} ${unit}`;
