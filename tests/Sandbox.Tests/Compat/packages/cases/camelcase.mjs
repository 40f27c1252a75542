import camelCase from 'camelcase';
export const f = () => [
  camelCase('foo-bar'),
  camelCase('foo_bar__baz'),
  camelCase('Foo-Bar', { pascalCase: true }),
  camelCase(['foo', 'bar']),
  camelCase('XMLHttpRequest', { preserveConsecutiveUppercase: true }),
  camelCase('lorem-ipsum', { locale: false }),
];
