const escapeHtml = require('escape-html');
module.exports.f = () => [escapeHtml('<script>alert("x") & \'y\'</script>'), escapeHtml('plain')];
