import pLimit from 'p-limit';
export const f = async () => {
  const limit = pLimit(2);
  let active = 0, peak = 0;
  const job = (v) => limit(async () => { active++; peak = Math.max(peak, active); await new Promise(r => setTimeout(r, 3)); active--; return v * 2; });
  const results = await Promise.all([1, 2, 3, 4, 5].map(job));
  return { results, peak, pending: limit.pendingCount };
};
