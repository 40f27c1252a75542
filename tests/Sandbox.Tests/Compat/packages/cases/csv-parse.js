const { parse } = require('csv-parse');
const { parse: parseSync } = require('csv-parse/sync');
module.exports.f = () => new Promise((resolve, reject) => {
  const sync = parseSync('a,b\n1,"x, y"\n2,z', { columns: true });
  parse('id;name\n1;"quoted ""name"""\n2;plain', { delimiter: ';', columns: true, cast: true }, (err, records) => err ? reject(err) : resolve({ sync, records }));
});
