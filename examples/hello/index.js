// The smallest function folder: `add` returns a value; `greet` also logs (captured) and reads an optional global.
function add(a, b) {
  return a + b;
}

function greet(name) {
  // `greeting` comes from the run's context when given: --context '{"greeting": "Bonjour"}'.
  const word = typeof greeting === 'string' ? greeting : 'Hello';
  console.log(`greeting ${name}`);
  return `${word}, ${name}!`;
}

module.exports = { add, greet };
