import type { RunQueue } from '../use-cases/operations/run-queue';
import type { AppContext } from './app-context';

// An app built without an engine (some route tests) cannot run anything: a start is refused as
// queue.unavailable (503) rather than leaving a queued run that nothing will execute.
const noEngineQueue: RunQueue = {
  enqueue: async () => {
    throw new Error('This process runs no operations engine');
  },
  wake: () => {},
};

export function operationsPortsOf(ctx: AppContext) {
  return { queue: ctx.operations?.queue ?? noEngineQueue, feed: ctx.operations?.feed ?? null };
}
