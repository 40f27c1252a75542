const pluralize = require('pluralize');
module.exports.f = () => [pluralize('person'), pluralize('octopus'), pluralize.singular('geese'), pluralize('test', 1, true), pluralize('test', 5, true)];
