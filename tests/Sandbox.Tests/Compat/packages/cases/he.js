const he = require('he');
module.exports.f = () => [he.encode('foo © bar ≠ baz 𝌆 qux'), he.decode('foo &copy; bar &ne; baz &#x1D306; qux &amp;lt;'), he.escape('<img src="x">'), he.encode('\'"', { useNamedReferences: true })];
