const { z } = require('zod');
const User = z.object({ name: z.string().min(2), age: z.number().int().positive(), tags: z.array(z.string()).default([]) });
module.exports.f = () => {
  const good = User.safeParse({ name: 'Ada', age: 36 });
  const bad = User.safeParse({ name: 'A', age: -1 });
  return { good: good.success && good.data, bad: bad.success, paths: bad.error.issues.map(i => i.path.join('.')).sort() };
};
