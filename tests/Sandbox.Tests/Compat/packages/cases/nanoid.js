const { nanoid, customAlphabet, urlAlphabet } = require('nanoid');
module.exports.f = () => ({
  length: nanoid().length,
  custom: /^[ab]{12}$/.test(customAlphabet('ab', 12)()),
  alphabet: urlAlphabet.length,
});
