const numeral = require('numeral');
module.exports.f = () => [numeral(1234567.891).format('0,0.00'), numeral(0.974878234).format('0.000%'), numeral(1024).format('0b'), numeral('1.5k').value(), numeral(-1234).format('($0,0)')];
