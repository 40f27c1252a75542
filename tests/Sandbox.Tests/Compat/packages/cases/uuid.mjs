import { v5, validate, version, NIL, MAX, parse, stringify } from 'uuid';
export const f = () => ({
  v5: v5('hello', v5.URL),
  valid: validate('6ba7b811-9dad-11d1-80b4-00c04fd430c8') && version('6ba7b811-9dad-11d1-80b4-00c04fd430c8'),
  nil: NIL,
  max: MAX,
  bytes: Array.from(parse('6ba7b810-9dad-11d1-80b4-00c04fd430c8')).length,
  roundTrip: stringify(parse('6ba7b810-9dad-11d1-80b4-00c04fd430c8')),
});
