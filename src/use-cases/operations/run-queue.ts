/**
 * The port through which a started run reaches the workers. The use case depends on this, not on pg-boss;
 * src/jobs/job-queue.ts implements it.
 */
export interface RunQueue {
  enqueue(runId: number): Promise<void>;
}
