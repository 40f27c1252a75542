import { z } from 'zod';
import * as zod from 'zod';
const User = z.object({ name: z.string().min(2), email: z.string().email(), roles: z.array(z.enum(['admin', 'user'])) });
export const f = () => {
  const good = User.safeParse({ name: 'Ada', email: 'ada@example.com', roles: ['admin'] });
  const bad = User.safeParse({ name: 'A', email: 'nope', roles: ['root'] });
  return { good: good.success, bad: bad.error.issues.map((i) => i.path.join('.')).sort(), same: zod.z === z };
};
