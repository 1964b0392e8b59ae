import type PgBoss from 'pg-boss';
import type { JobLogger } from './job-logger';

export interface JobLoopHealth {
  /** Since when the loop's fetches fail (it backs off and tries again) or its fetch hangs; null while it fetches. */
  failingSince: Date | null;
}

export interface JobLoop {
  /** Ends an idle wait at once (a job was just enqueued in this process). */
  wake(): void;
  /** Whether the loop can fetch jobs: read by GET /readyz. */
  health(): JobLoopHealth;
  /** Stops fetching; resolves when the job in hand, if any, is done. */
  stop(): Promise<void>;
}

/** A job the loop cannot handle at all (no valid run id): failed for an operator to see, never silently completed. */
export class UnusableJobError extends Error {
  override readonly name = 'UnusableJobError';
}

const MAX_BACKOFF_MS = 30_000;

/**
 * A fetch is one short UPDATE; one that has not returned after this long waits on a lock or a database that does
 * not answer (no error ever comes), and the loop counts as not fetching until it returns.
 */
const FETCH_STALL_MS = 10_000;

/** A database error's message, for a log line: only its first line, without anything shaped like a URL's credentials. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').replace(/\/\/[^/@\s]*@/g, '//***@').slice(0, 300);
}

/** PostgreSQL's unique_violation: the one fetch error pg-boss expects (a singleton or stately queue's race). */
const UNIQUE_VIOLATION = '23505';

/**
 * boss.fetch(), but rejecting when the database does. pg-boss 10's fetch() catches every error of its query and
 * answers "no jobs" (node_modules/pg-boss/src/manager.js, fetch(): "errors from fetchquery should only be unique
 * constraint violations"), so a loop could not tell a database that fails from an empty queue, and /readyz could
 * not report it. The query runs through fetch's own `db` option, a wrapper of the queue's connection that keeps
 * the error; anything but a unique violation is rethrown.
 */
async function fetchJobs<T>(boss: PgBoss, queue: string): Promise<PgBoss.Job<T>[]> {
  const db = boss.getDb();
  let failure: unknown = undefined;
  const recording: PgBoss.Db = {
    executeSql: async (text, values) => {
      try {
        return await db.executeSql(text, values);
      } catch (error) {
        failure = error;
        throw error;
      }
    },
  };
  const jobs = await boss.fetch<T>(queue, { batchSize: 1, db: recording });
  if (failure !== undefined && (failure as { code?: unknown }).code !== UNIQUE_VIOLATION) throw failure;
  return jobs;
}

/**
 * One worker slot: fetch a job, handle it, complete it, and fetch the next right away; only an empty
 * queue makes it wait for the poll interval (or a wake-up). pg-boss's own work() waits a full interval
 * after every job, which would cap a slot at one run per interval.
 *
 * A fetch that fails (the database dropped its connections, is restarting, or errs) never ends the loop:
 * it waits (the poll interval, doubling up to 30 s), logs that once per wait, and tries again; while it
 * fails, or while a fetch hangs for more than FETCH_STALL_MS, health() says so and /readyz answers 503 naming
 * the worker.
 */
export function startJobLoop<T extends object>(options: {
  boss: PgBoss;
  queue: string;
  pollMs: number;
  log: JobLogger;
  handle: (job: PgBoss.Job<T>) => Promise<void>;
}): JobLoop {
  const { boss, queue, pollMs, log } = options;
  let stopping = false;
  let endWait: (() => void) | null = null;
  let endBackoff: (() => void) | null = null;
  let failingSince: Date | null = null;
  let fetchingSince: number | null = null;
  let backoffMs = pollMs;

  const wait = (ms: number, wakeable: boolean) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (wakeable) endWait = null;
        else endBackoff = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      if (wakeable) endWait = done;
      else endBackoff = done;
    });

  const fetchOne = async (): Promise<PgBoss.Job<T> | undefined | 'failed'> => {
    fetchingSince = Date.now();
    try {
      const [job] = await fetchJobs<T>(boss, queue);
      if (failingSince) log.info({ queue, failing_since: failingSince.toISOString() }, 'job loop fetches again');
      failingSince = null;
      backoffMs = pollMs;
      return job;
    } catch (error) {
      failingSince ??= new Date();
      log.error({ queue, error: errorText(error), retry_in_ms: backoffMs }, 'job loop could not fetch a job; it tries again after a pause');
      return 'failed';
    } finally {
      fetchingSince = null;
    }
  };

  const fail = async (job: PgBoss.Job<T>, message: string) => {
    try {
      await boss.fail(queue, job.id, { message });
    } catch (error) {
      // The job stays active until it expires, then pg-boss retries it; a claimed run is skipped by its claim.
      log.error({ queue, job_id: job.id, error: errorText(error) }, 'job could not be marked failed; it is retried when it expires');
    }
  };

  const run = async () => {
    while (!stopping) {
      const job = await fetchOne();
      if (job === 'failed') {
        // Not wakeable: an enqueue must not turn a backoff into a busy loop against a failing database.
        await wait(backoffMs, false);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        continue;
      }
      if (!job) {
        await wait(pollMs, true);
        continue;
      }
      try {
        await options.handle(job);
        await boss.complete(queue, job.id);
      } catch (error) {
        const message = errorText(error);
        if (error instanceof UnusableJobError) {
          log.error({ queue, job_id: job.id, error: message }, 'failed a job that no run can be executed for');
        } else {
          // The job is retried (queue retry policy); a retry of a claimed run is skipped by its claim.
          log.warn({ queue, job_id: job.id, error: message }, 'job failed; it will be retried');
        }
        await fail(job, message);
      }
    }
  };
  const loop = run().catch((error: unknown) => {
    log.error({ queue, error: errorText(error) }, 'job loop stopped unexpectedly');
    failingSince ??= new Date();
  });

  return {
    wake: () => endWait?.(),
    health: () => {
      if (failingSince) return { failingSince };
      const since = fetchingSince;
      return { failingSince: since !== null && Date.now() - since > FETCH_STALL_MS ? new Date(since) : null };
    },
    stop: async () => {
      stopping = true;
      endWait?.();
      endBackoff?.();
      await loop;
    },
  };
}
