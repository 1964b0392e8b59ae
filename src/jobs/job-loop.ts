import type PgBoss from 'pg-boss';
import type { JobLogger } from './job-logger';

export interface JobLoop {
  /** Ends an idle wait at once (a job was just enqueued in this process). */
  wake(): void;
  /** Stops fetching; resolves when the job in hand, if any, is done. */
  stop(): Promise<void>;
}

/**
 * One worker slot: fetch a job, handle it, complete it, and fetch the next right away; only an empty
 * queue makes it wait for the poll interval (or a wake-up). pg-boss's own work() waits a full interval
 * after every job, which would cap a slot at one run per interval.
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

  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        endWait = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      endWait = done;
    });

  const run = async () => {
    while (!stopping) {
      const [job] = await boss.fetch<T>(queue, { batchSize: 1 });
      if (!job) {
        await idle(pollMs);
        continue;
      }
      try {
        await options.handle(job);
        await boss.complete(queue, job.id);
      } catch (error) {
        // The job is retried (queue retry policy); a retry of a claimed run is skipped by its claim.
        const message = error instanceof Error ? error.message : String(error);
        log.warn({ job_id: job.id, error: message }, 'job failed; it will be retried');
        await boss.fail(queue, job.id, { message }).catch(() => {});
      }
    }
  };
  const loop = run().catch((error: unknown) => {
    log.error({ error: error instanceof Error ? error.message : String(error) }, 'job loop stopped unexpectedly');
  });

  return {
    wake: () => endWait?.(),
    stop: async () => {
      stopping = true;
      endWait?.();
      await loop;
    },
  };
}
