// Async functions: a promise, and a timer. A run waiting on a timer holds no sandbox thread.
function double(n) {
  return Promise.resolve(n * 2);
}

async function sleep(ms) {
  const start = Date.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return { sleptMs: Date.now() - start };
}

module.exports = { double, sleep };
