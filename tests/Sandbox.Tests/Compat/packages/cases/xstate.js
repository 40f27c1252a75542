const { createMachine, createActor, fromPromise, assign, waitFor } = require('xstate');
const machine = createMachine({
  id: 'fetch', initial: 'idle', context: { count: 0, result: null },
  states: {
    idle: { on: { FETCH: { target: 'loading', actions: assign({ count: ({ context }) => context.count + 1 }) } } },
    loading: {
      invoke: { src: 'load', input: ({ context }) => context.count, onDone: { target: 'done', actions: assign({ result: ({ event }) => event.output }) }, onError: 'failed' },
    },
    done: { type: 'final' }, failed: {},
  },
}, { actors: { load: fromPromise(async ({ input }) => { await new Promise(r => setTimeout(r, 5)); return 'loaded #' + input; }) } });
module.exports.f = async () => {
  const actor = createActor(machine).start();
  const seen = [];
  actor.subscribe(s => seen.push(s.value));
  actor.send({ type: 'FETCH' });
  const snapshot = await waitFor(actor, s => s.status === 'done');
  return { seen, context: snapshot.context, status: snapshot.status };
};
