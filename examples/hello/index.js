// The smallest function folder: `add` returns a value, `greet` also writes to the console (captured into logs).
function add(a, b) {
  return a + b;
}

function greet(name) {
  console.log(`greeting ${name}`);
  return `Hello, ${name}!`;
}

module.exports = { add, greet };
