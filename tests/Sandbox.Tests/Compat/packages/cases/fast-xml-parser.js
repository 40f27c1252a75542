const { XMLParser, XMLBuilder } = require('fast-xml-parser');
module.exports.f = () => {
  const parser = new XMLParser({ ignoreAttributes: false });
  const doc = parser.parse('<root><item id="1">one</item><item id="2">two</item><n>5</n></root>');
  return { doc, built: new XMLBuilder({ format: false }).build({ a: { b: [1, 2] } }) };
};
