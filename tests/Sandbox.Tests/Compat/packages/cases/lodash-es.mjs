import { chunk, groupBy, debounce, camelCase, merge, sortBy } from 'lodash-es';
export const f = () => ({ chunks: chunk([1, 2, 3, 4, 5], 2), grouped: groupBy(['one', 'two', 'three'], 'length'), camel: camelCase('Foo Bar'), merged: merge({ a: { b: 1 } }, { a: { c: 2 } }), sorted: sortBy([{ n: 'b' }, { n: 'a' }], 'n'), debounce: typeof debounce(() => 1, 10) });
