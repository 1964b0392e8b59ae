import crypto from 'node:crypto';
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../config';
import { claimRun } from '../db/queries/operation-run-transitions';
import type { Database } from '../db/schema';
import type { SecretKeys } from '../security/secret-key';
import { startJobLoop, UnusableJobError } from './job-loop';
import { RUN_QUEUE, type JobQueue, type RunJob } from './job-queue';
import type { JobLogger } from './job-logger';
import { startReconciler } from './reconciler';
import type { RunChangeFeed } from './run-change-feed';
import { RunExecution } from './run-execution';
import type { RunHandlerRegistry } from './run-handler';
import type { WorkerSettings } from './worker-settings';

export interface RunWorkerDependencies {
  db: Kysely<Database>;
  config: AppConfig;
  keys: SecretKeys;
  log: JobLogger;
  queue: JobQueue;
  feed: RunChangeFeed;
  settings: WorkerSettings;
  handlers: RunHandlerRegistry;
}

export interface RunWorker {
  id: string;
  /** Null while every job loop fetches; else why the worker cannot take jobs (GET /readyz; no error text, no secrets). */
  problem(): string | null;
  /** Ends gracefully: no new runs; running ones get the grace period, then are stopped and marked failed. */
  stop(): Promise<void>;
}

const FORCE_STOP_AFTER_ABORT_MS = 5000;

/**
 * Executes runs delivered by the queue. A delivery is only a hint: the run executes if this worker's
 * claim (queued → running, one conditional UPDATE) succeeds, so a job delivered twice, to two processes,
 * or after a cancel, executes at most once.
 */
export async function startRunWorker(deps: RunWorkerDependencies): Promise<RunWorker> {
  const { db, settings, log, queue } = deps;
  const id = `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const executions = new Map<number, RunExecution>();
  let stopping = false;

  const environment = { ...deps, workerId: id, heartbeatMs: settings.heartbeatSeconds * 1000 };
  const execute = async (runId: number) => {
    // Claiming while stopping would start a run we are about to abandon; the job is retried elsewhere.
    if (stopping) throw new Error('The worker is stopping; the job will be retried.');
    const run = await claimRun(db, runId, id);
    if (!run) return log.debug({ run_id: runId }, 'skipped a job whose run is no longer queued');
    const execution = new RunExecution(environment, run);
    executions.set(run.id, execution);
    try {
      await execution.execute();
    } finally {
      executions.delete(run.id);
    }
  };

  const reconciler = await startReconciler(db, settings, log);
  // A cancel made in any process reaches the local execution at once instead of at its next heartbeat; after
  // the feed missed changes, every local execution checks.
  const unsubscribe = deps.feed.subscribe({
    change: (change) => executions.get(change.id)?.checkNow(),
    resync: () => {
      for (const execution of executions.values()) execution.checkNow();
    },
  });

  const loops = Array.from({ length: settings.concurrency }, () =>
    startJobLoop<RunJob>({
      boss: queue.boss,
      queue: RUN_QUEUE,
      pollMs: settings.pollIntervalSeconds * 1000,
      log,
      handle: async (job) => {
        if (!Number.isSafeInteger(job.data?.run_id)) throw new UnusableJobError('The job has no valid run_id.');
        await execute(job.data.run_id);
      },
    }),
  );
  queue.onEnqueued(() => {
    for (const loop of loops) loop.wake();
  });
  log.info({ worker_id: id, concurrency: settings.concurrency }, 'worker ready');

  return {
    id,
    problem: () => {
      const failing = loops.map((loop) => loop.health().failingSince).filter((since): since is Date => since !== null);
      if (failing.length === 0) return null;
      const since = new Date(Math.min(...failing.map((date) => date.getTime()))).toISOString();
      // Answered to anyone who asks /readyz: no host name, pid or error text (the worker's log has those).
      return `${failing.length} of ${loops.length} job loops cannot fetch jobs from the queue (since ${since}); see the worker's log.`;
    },
    stop: async () => {
      if (stopping) return;
      stopping = true;
      reconciler.stop();
      unsubscribe();
      const loopsEnded = Promise.all(loops.map((loop) => loop.stop()));
      if (!(await settled(executions, settings.shutdownGraceSeconds * 1000))) {
        log.warn({ run_ids: [...executions.keys()] }, 'stopping runs that did not finish within the shutdown grace period');
        for (const execution of executions.values()) execution.stop('shutdown');
        if (!(await settled(executions, FORCE_STOP_AFTER_ABORT_MS))) {
          await Promise.all([...executions.values()].map((execution) => execution.forceStop()));
        }
      }
      // A handler that ignores its signal keeps its slot; its run is already completed, so do not wait for it.
      await Promise.race([loopsEnded, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      log.info({ worker_id: id }, 'worker stopped');
    },
  };
}

async function settled(executions: Map<number, unknown>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (executions.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return executions.size === 0;
}
