// An ES module entry: static imports of another ES module, of a CommonJS file and of a built-in,
// a dynamic import(), and top-level await. Run it with:
//   isolated-runtime run --root examples/esm --file index.mjs --func run --args '[3, 4]'
import { area, perimeter } from './lib/shapes.mjs';
import units from './lib/units.cjs';
import { format } from 'node:util';

const { round } = await import('./lib/round.mjs');

export function run(width, height) {
  return format('%s: area %d %s², perimeter %d %s', 'rectangle', round(area(width, height)), units.length,
    round(perimeter(width, height)), units.length);
}

export default function describe() {
  return 'ES module example';
}
