const tinycolor = require('tinycolor2');
module.exports.f = () => {
  const c = tinycolor('#3498db');
  return [c.toRgbString(), c.lighten(10).toHexString(), c.isDark(), tinycolor.readability('#000', '#fff'), tinycolor('hsl(120, 100%, 50%)').toHex(), tinycolor.mix('red', 'blue', 50).toHexString()];
};
