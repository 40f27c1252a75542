const Ajv = require('ajv');
module.exports.f = () => {
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile({
    type: 'object',
    properties: { id: { type: 'integer', minimum: 1 }, email: { type: 'string', pattern: '^[^@]+@[^@]+$' } },
    required: ['id', 'email'],
    additionalProperties: false,
  });
  const ok = validate({ id: 3, email: 'a@b.c' });
  const bad = validate({ id: 0, extra: true });
  return { ok, bad, errors: validate.errors.map(e => e.keyword).sort() };
};
