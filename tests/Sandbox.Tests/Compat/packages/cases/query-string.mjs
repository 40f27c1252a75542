import queryString from 'query-string';
export const f = () => ({
  parsed: queryString.parse('?foo=bar&abc=xyz&abc=123&n=5&b=true', { parseNumbers: true, parseBooleans: true }),
  out: queryString.stringify({ b: 2, a: [1, 'x y'], c: null }),
  url: queryString.parseUrl('https://x.org/p?q=1#h', { parseFragmentIdentifier: true }),
  arr: queryString.stringify({ a: [1, 2] }, { arrayFormat: 'bracket' }),
});
