import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * The port through which a started run reaches the workers. The use case depends on this, not on pg-boss;
 * src/jobs/job-queue.ts implements it.
 */
export interface RunQueue {
  /**
   * Enqueues the run's job. Given `trx` — the transaction that inserts the run — the job is written in it, so the
   * run and its job commit together or not at all (issue 10: a crash in between leaves nothing orphaned); call
   * `wake()` once that transaction has committed. Without `trx` (a redelivery) the job is sent and workers woken.
   */
  enqueue(runId: number, trx?: Kysely<Database>): Promise<void>;
  /** Tells an idle worker in this process to fetch now rather than at its next poll. */
  wake(): void;
}
