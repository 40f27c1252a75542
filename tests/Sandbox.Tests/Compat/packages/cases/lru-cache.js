const { LRUCache } = require('lru-cache');
module.exports.f = async () => {
  const cache = new LRUCache({ max: 3, ttl: 60000, ttlAutopurge: false });
  ['a', 'b', 'c', 'd'].forEach((k, i) => cache.set(k, i));
  cache.get('b');
  cache.set('e', 5);
  const fetcher = new LRUCache({ max: 10, fetchMethod: async (key, stale, { signal }) => key.toUpperCase() + (signal.aborted ? '!' : '') });
  const fetched = await fetcher.fetch('x');
  return { keys: [...cache.keys()], has: cache.has('a'), ttl: cache.getRemainingTTL('b') > 59000, fetched, size: cache.size };
};
