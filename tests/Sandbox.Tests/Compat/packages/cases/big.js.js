const Big = require('big.js');
module.exports.f = () => [
  new Big('0.1').plus('0.2').toString(),
  new Big('1').div(3).toFixed(10),
  new Big('123.456').round(1).toString(),
  new Big('2').pow(100).toString(),
];
