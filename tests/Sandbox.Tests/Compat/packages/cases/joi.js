const Joi = require('joi');
const schema = Joi.object({ username: Joi.string().alphanum().min(3).required(), birth: Joi.number().integer().min(1900) });
module.exports.f = () => {
  const ok = schema.validate({ username: 'abc123', birth: 1990 });
  const bad = schema.validate({ username: 'a!', birth: 1800 }, { abortEarly: false });
  return { ok: ok.error === undefined, value: ok.value, messages: bad.error.details.map(d => d.message) };
};
