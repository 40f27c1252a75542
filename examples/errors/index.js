// Faults: a sync throw, an async rejection, and a call into a helper that throws (for the stack).
function fail(message) {
  throw new Error(message || 'Boom!');
}

async function reject(message) {
  throw new TypeError(message || 'Boom!');
}

function nested() {
  return helper();
}

function helper() {
  return fail('deep');
}

module.exports = { fail, reject, nested };
