import prettyBytes from 'pretty-bytes';
export const f = () => [prettyBytes(1337), prettyBytes(1e12), prettyBytes(-42), prettyBytes(1337, { bits: true }), prettyBytes(1536, { binary: true }), prettyBytes(1234567.891, { locale: 'de' }), prettyBytes(1234567.891, { locale: 'fr' })];
