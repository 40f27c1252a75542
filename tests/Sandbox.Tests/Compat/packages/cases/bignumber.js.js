const BigNumber = require('bignumber.js');
module.exports.f = () => [new BigNumber('0.1').plus('0.2').toString(), new BigNumber(2).pow(100).toFixed(), new BigNumber('1').div(3).toFixed(30), new BigNumber('123456789.123456789').toFormat(4), BigNumber.max('1e30', 5).toExponential()];
