const { of, from, interval, firstValueFrom, lastValueFrom } = require('rxjs');
const { map, filter, take, scan, toArray, mergeMap, delay } = require('rxjs/operators');
module.exports.f = async () => ({
  sync: await lastValueFrom(of(1, 2, 3, 4).pipe(filter(x => x % 2 === 0), map(x => x * 10), toArray())),
  scanned: await lastValueFrom(from([1, 2, 3]).pipe(scan((a, b) => a + b, 0), toArray())),
  timed: await lastValueFrom(interval(2).pipe(take(3), toArray())),
  merged: await lastValueFrom(of('a', 'b').pipe(mergeMap(x => of(x + '1').pipe(delay(1))), toArray())),
  first: await firstValueFrom(of('x')),
});
