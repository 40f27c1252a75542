const yup = require('yup');
const schema = yup.object({ name: yup.string().required().min(2), age: yup.number().positive().integer().required(), email: yup.string().email() });
module.exports.f = async () => {
  const good = await schema.validate({ name: 'Ada', age: '36', email: 'ada@example.com' });
  const bad = await schema.validate({ name: 'A', age: -1, email: 'nope' }, { abortEarly: false }).catch(e => ({ name: e.name, errors: e.errors.sort() }));
  return { good, bad, cast: schema.cast({ name: 'Bo', age: '7' }) };
};
