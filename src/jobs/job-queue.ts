import { CompiledQuery, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/database';
import type { Database } from '../db/schema';
import type { RunQueue } from '../use-cases/operations/run-queue';
import type { JobLogger } from './job-logger';

// The PostgreSQL-backed job queue (SPEC §6): pg-boss 10 in its own schema of the same database. A job
// carries only a run id; the run row is the truth, the job is a wake-up call for one worker.
export const RUN_QUEUE = 'operation-run';

export interface RunJob {
  run_id: number;
}

export type { RunQueue };

export interface JobQueue extends RunQueue {
  boss: PgBoss;
  /** Called after each enqueue, so an in-process worker can fetch at once instead of at its next poll. */
  onEnqueued(listener: () => void): void;
  /** Asks pg-boss, through its own connection, for the run queue; rejects when it cannot answer. */
  check(): Promise<void>;
  stop(): Promise<void>;
}

export async function openJobQueue(handle: DatabaseHandle, databaseUrl: string | undefined, log: JobLogger): Promise<JobQueue> {
  // `schedule: true` runs pg-boss's cron monitor (jobs/maintenance/): it keeps its schedules in the database and
  // fires each once per slot however many processes watch.
  const common = { schema: 'pgboss', schedule: true, supervise: true } as const;
  // On PostgreSQL pg-boss keeps a small pool of its own; on the embedded database there is only the one
  // PGlite session, so pg-boss shares it through the handle's executeSql adapter.
  const boss = databaseUrl
    ? new PgBoss({ ...common, connectionString: databaseUrl, max: 3, application_name: 'tenantatlas-queue' })
    : new PgBoss({ ...common, db: handle.raw as PgBoss.Db });
  boss.on('error', (error: Error) => log.warn({ error: error.message }, 'job queue error'));
  await boss.start();
  // retryLimit/retryDelay only matter when the worker itself failed (e.g. the database was unreachable);
  // a retried job for a run that was already claimed is skipped. Expiry is generous: the job lasts as
  // long as its run, and a run that outlives it is still protected by its claim.
  await boss.createQueue(RUN_QUEUE, { name: RUN_QUEUE, retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 12 * 60 * 60 });

  const listeners: Array<() => void> = [];
  const wake = () => {
    for (const listener of listeners) listener();
  };
  return {
    boss,
    enqueue: async (runId, trx) => {
      await boss.send(RUN_QUEUE, { run_id: runId } satisfies RunJob, trx ? { db: executorOf(trx) } : {});
      if (!trx) wake();
    },
    wake,
    onEnqueued: (listener) => void listeners.push(listener),
    check: async () => {
      if (!(await boss.getQueue(RUN_QUEUE))) throw new Error(`queue ${RUN_QUEUE} does not exist`);
    },
    stop: () => boss.stop({ graceful: false, wait: true, close: databaseUrl !== undefined }),
  };
}

/** pg-boss writes its job through the caller's transaction (its `db` option) — on PostgreSQL and PGlite alike. */
function executorOf(trx: Kysely<Database>): PgBoss.Db {
  return {
    executeSql: async (text: string, values?: unknown[]) => {
      const result = await trx.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows };
    },
  } as PgBoss.Db;
}
