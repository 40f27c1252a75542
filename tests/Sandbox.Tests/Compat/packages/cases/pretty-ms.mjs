import prettyMilliseconds from 'pretty-ms';
export const f = () => [
  prettyMilliseconds(1337000000),
  prettyMilliseconds(1337),
  prettyMilliseconds(133, { compact: true }),
  prettyMilliseconds(1335669000, { verbose: true }),
  prettyMilliseconds(95500, { colonNotation: true }),
  prettyMilliseconds(1337, { secondsDecimalDigits: 2 }),
];
