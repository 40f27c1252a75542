const bcrypt = require('bcryptjs');
module.exports.f = () => {
  const known = '$2b$04$abcdefghijklmnopqrstuu0W1WbOPnOl3Qnun5Q5IDWb1RZDCdXRe';
  const hash = bcrypt.hashSync('hunter2', 4);
  return { fixed: bcrypt.hashSync('hunter2', '$2b$04$abcdefghijklmnopqrstuu'), verifies: bcrypt.compareSync('hunter2', hash), wrong: bcrypt.compareSync('nope', hash), rounds: bcrypt.getRounds(hash), known: bcrypt.compareSync('hunter2', known) };
};
