const slugify = require('slugify');
module.exports.f = () => [slugify('Hello World & Friends!'), slugify('Crème brûlée über', { lower: true, strict: true }), slugify('a_b c', '_')];
