const async = require('async');
module.exports.f = async () => {
  const doubled = await async.mapLimit([1, 2, 3, 4], 2, async x => { await new Promise(r => setTimeout(r, 5 - x)); return x * 2; });
  const series = await async.series([async () => 'a', async () => 'b']);
  const waterfall = await new Promise((res, rej) => async.waterfall([cb => cb(null, 1), (n, cb) => cb(null, n + 1)], (e, v) => e ? rej(e) : res(v)));
  return { doubled, series, waterfall };
};
