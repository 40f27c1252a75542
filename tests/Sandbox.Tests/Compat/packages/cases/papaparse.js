const Papa = require('papaparse');
module.exports.f = () => {
  const parsed = Papa.parse('name,age\n"Smith, J",42\nDoe,7\n', { header: true, dynamicTyping: true, skipEmptyLines: true });
  return { data: parsed.data, errors: parsed.errors.length, unparsed: Papa.unparse([{ a: 1, b: 'x,y' }]) };
};
