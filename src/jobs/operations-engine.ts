import type { Runtime } from '../runtime/open-runtime';
import { runHandlers } from './handlers';
import { countActiveRunsEverywhere } from '../db/queries/operation-runs';
import { withStartupLock } from '../db/startup-lock';
import { registerScrapeTimeGauges } from '../observability/metrics';
import { openJobQueue, RUN_QUEUE, type JobQueue, type RunQueue } from './job-queue';
import { startScheduledMaintenance } from './maintenance/scheduled-maintenance';
import { startScheduledSyncScan } from './maintenance/scheduled-sync-scan';
import type { JobLogger } from './job-logger';
import { openRunChangeFeed, type RunChangeFeed } from './run-change-feed';
import { startRunWorker, type RunWorker } from './run-worker';
import type { WorkerSettings } from './worker-settings';

/** What the HTTP layer needs from the engine: start runs (queue) and hear about changes (feed). */
export interface OperationsPorts {
  queue: RunQueue;
  feed: RunChangeFeed;
  /** Resolves when the queue answers through its own connection (readiness, GET /readyz); rejects otherwise. */
  checkQueue(): Promise<void>;
  /** Null unless this process runs a worker whose job loops cannot fetch; then why (GET /readyz). */
  workerProblem?(): string | null;
}

export interface OperationsEngine extends OperationsPorts {
  queue: JobQueue;
  worker: RunWorker | null;
  /** Stops in dependency order: the worker (gracefully), then the feed, then the queue. */
  stop(): Promise<void>;
}

/** The queue and change feed of one process, and its worker when it runs one (serve, worker). */
export async function startOperationsEngine(
  runtime: Runtime,
  options: { worker: boolean; settings: WorkerSettings; log: JobLogger },
): Promise<OperationsEngine> {
  const { database, config, keys } = runtime;
  // Processes starting together take turns at creating the queue and its schedules (see withStartupLock).
  const setUp = async <T>(work: () => Promise<T>) => (config.databaseUrl ? withStartupLock(config.databaseUrl, 'tenantatlas:queue-setup', work) : work());
  const queue = await setUp(() => openJobQueue(database, config.databaseUrl, options.log));
  const feed = await openRunChangeFeed(database, options.log);
  registerScrapeTimeGauges({
    activeRuns: () => countActiveRunsEverywhere(database.db),
    queueDepth: () => queue.boss.getQueueSize(RUN_QUEUE),
    pool: database.pool,
  });
  let worker: RunWorker | null = null;
  try {
    if (options.worker) {
      await setUp(async () => {
        await startScheduledMaintenance(queue.boss, database.db, options.log, options.settings.pollIntervalSeconds);
        await startScheduledSyncScan(queue.boss, { db: database.db, queue }, options.log, { enabled: config.schedules, pollIntervalSeconds: options.settings.pollIntervalSeconds });
      });
      worker = await startRunWorker({
        db: database.db,
        config,
        keys,
        log: options.log,
        queue,
        feed,
        settings: options.settings,
        handlers: runHandlers(options.settings),
      });
    }
  } catch (error) {
    await feed.stop();
    await queue.stop();
    throw error;
  }
  return {
    queue,
    feed,
    checkQueue: queue.check,
    workerProblem: () => worker?.problem() ?? null,
    worker,
    stop: async () => {
      await worker?.stop();
      await feed.stop();
      await queue.stop();
    },
  };
}
