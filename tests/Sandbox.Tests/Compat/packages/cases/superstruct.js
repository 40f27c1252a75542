const { object, string, number, array, optional, validate, is, assert, refine } = require('superstruct');
const Positive = refine(number(), 'positive', v => v > 0);
const User = object({ id: Positive, name: string(), tags: optional(array(string())) });
module.exports.f = () => {
  const [err] = validate({ id: -1, name: 5 }, User);
  let thrown; try { assert({ id: 1 }, User); } catch (e) { thrown = e.message; }
  return { ok: is({ id: 1, name: 'x' }, User), failures: err.failures().map(f => f.path.join('.') + ':' + f.type), thrown };
};
