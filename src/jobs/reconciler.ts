import type { Kysely } from 'kysely';
import { reconcileStaleRuns } from '../db/queries/operation-run-transitions';
import type { Database } from '../db/schema';
import { runsReconciled } from '../observability/metrics';
import type { JobLogger } from './job-logger';
import type { WorkerSettings } from './worker-settings';

export interface Reconciler {
  runOnce(): Promise<number[]>;
  stop(): void;
}

/**
 * Runs in every worker, once at start and then periodically: whatever worker died, some other one (or
 * its own restart) completes its runs as failed with `worker.lost`, so no run stays active forever.
 */
export async function startReconciler(db: Kysely<Database>, settings: WorkerSettings, log: JobLogger): Promise<Reconciler> {
  const runOnce = async () => {
    const ids = await reconcileStaleRuns(db, {
      heartbeatStaleSeconds: settings.heartbeatStaleSeconds,
      queuedStaleSeconds: settings.queuedStaleSeconds,
    });
    if (ids.length > 0) log.warn({ run_ids: ids }, 'reconciled runs whose worker was lost');
    runsReconciled.inc(ids.length);
    return ids;
  };
  let pass: Promise<unknown> = runOnce();
  await pass;
  const timer = setInterval(() => {
    pass = pass.then(runOnce).catch((error: unknown) => {
      log.warn({ error: error instanceof Error ? error.message : String(error) }, 'reconcile pass failed');
    });
  }, settings.reconcileIntervalSeconds * 1000);
  timer.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}
