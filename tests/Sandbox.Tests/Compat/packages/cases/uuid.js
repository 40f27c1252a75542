const { v4, v5, validate, version, NIL, parse, stringify } = require('uuid');
module.exports.f = () => ({
  v5: v5('hello', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
  v4ok: validate(v4()) && version(v4()) === 4,
  nil: NIL,
  roundTrip: stringify(parse('6ba7b810-9dad-11d1-80b4-00c04fd430c8')),
});
