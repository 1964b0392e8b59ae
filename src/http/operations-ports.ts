import type { RunQueue } from '../jobs/job-queue';
import type { AppContext } from './app-context';

// An app built without an engine (route tests) records runs that nothing executes and has no live feed.
const ledgerOnlyQueue: RunQueue = { enqueue: async () => {} };

export function operationsPortsOf(ctx: AppContext) {
  return { queue: ctx.operations?.queue ?? ledgerOnlyQueue, feed: ctx.operations?.feed ?? null };
}
