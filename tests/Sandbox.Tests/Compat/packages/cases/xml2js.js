const xml2js = require('xml2js');
module.exports.f = async () => {
  const parsed = await xml2js.parseStringPromise('<root a="1"><item>x</item><item>y</item><empty/></root>');
  const built = new xml2js.Builder({ headless: true }).buildObject({ note: { $: { id: 7 }, to: 'Ada', body: 'Hi & bye' } });
  return { parsed, built };
};
