import { sql, type Kysely } from 'kysely';
import type { FailureEntry, HandlerOutcome, SummaryCounts } from '../../domain/operations';
import type { Database, OperationRunRow } from '../schema';

// Every change of a run after its start. Each is one conditional UPDATE, so the database settles races
// between workers, the reconciler and people cancelling: whoever changes the row first wins, the others
// see that nothing matched. Times come from the database clock, which all processes share.
const active = ['queued', 'running'] as const;

/** queued → running for this worker; undefined when the run is no longer queued (at most one execution). */
export function claimRun(db: Kysely<Database>, runId: number, workerId: string): Promise<OperationRunRow | undefined> {
  return db
    .updateTable('operation_runs')
    .set({ status: 'running', started_at: sql`now()`, heartbeat_at: sql`now()`, worker_id: workerId })
    .where('id', '=', runId)
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
}

/**
 * Heartbeats (and optionally records progress on) a run only while it is still this worker's running run;
 * false when it is not any more (cancelled, reconciled), which is how a worker learns to stop.
 */
async function updateOwnRunningRun(
  db: Kysely<Database>,
  runId: number,
  workerId: string,
  progress: { summary_counts: string; failure_summary: string; context_patch?: Record<string, unknown> } | null,
): Promise<boolean> {
  const { context_patch, ...columns } = progress ?? {};
  const row = await db
    .updateTable('operation_runs')
    .set({ heartbeat_at: sql`now()`, ...columns, ...contextPatch(context_patch) })
    .where('id', '=', runId)
    .where('status', '=', 'running')
    .where('worker_id', '=', workerId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Proves the worker is alive; false when the run is no longer this worker's running run (cancelled, reconciled). */
export function heartbeatRun(db: Kysely<Database>, runId: number, workerId: string): Promise<boolean> {
  return updateOwnRunningRun(db, runId, workerId, null);
}

export function recordRunProgress(
  db: Kysely<Database>,
  runId: number,
  workerId: string,
  progress: { summary_counts: SummaryCounts; failure_summary: FailureEntry[]; context_patch?: Record<string, unknown> },
): Promise<boolean> {
  return updateOwnRunningRun(db, runId, workerId, {
    summary_counts: JSON.stringify(progress.summary_counts),
    failure_summary: JSON.stringify(progress.failure_summary),
    context_patch: progress.context_patch,
  });
}

/** Merges keys into the run's context (top level), leaving what the start wrote there. */
function contextPatch(patch: Record<string, unknown> | undefined) {
  return patch && Object.keys(patch).length > 0 ? { context: sql<Record<string, unknown>>`coalesce(context, '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb` } : {};
}

export interface RunCompletion {
  outcome: HandlerOutcome;
  summary_counts?: SummaryCounts;
  failure_summary?: FailureEntry[];
  /** Keys merged into the run's context (e.g. the retries it went through). */
  context_patch?: Record<string, unknown>;
  /** When given, only this worker's run is completed (a reconciled or re-claimed run is left alone). */
  workerId?: string;
}

/** Completes an active run; undefined when it was already completed (a cancelled run stays cancelled). */
export function completeRun(db: Kysely<Database>, runId: number, completion: RunCompletion): Promise<OperationRunRow | undefined> {
  let query = db
    .updateTable('operation_runs')
    .set({
      status: 'completed',
      outcome: completion.outcome,
      completed_at: sql`now()`,
      ...(completion.summary_counts ? { summary_counts: JSON.stringify(completion.summary_counts) } : {}),
      ...(completion.failure_summary ? { failure_summary: JSON.stringify(completion.failure_summary) } : {}),
      ...contextPatch(completion.context_patch),
    })
    .where('id', '=', runId)
    .where('status', 'in', active);
  if (completion.workerId !== undefined) query = query.where('worker_id', '=', completion.workerId);
  return query.returningAll().executeTakeFirst();
}

/** queued/running → completed/cancelled; undefined when the run had already completed. */
export function cancelRun(db: Kysely<Database>, runId: number, cancelledBy: number | null): Promise<OperationRunRow | undefined> {
  return db
    .updateTable('operation_runs')
    .set({
      status: 'completed',
      outcome: 'cancelled',
      completed_at: sql`now()`,
      context: sql`context || jsonb_build_object('cancelled_by_user_id', ${cancelledBy}::bigint)`,
    })
    .where('id', '=', runId)
    .where('status', 'in', active)
    .returningAll()
    .executeTakeFirst();
}

export interface ReconcileThresholds {
  /** A running run whose last heartbeat is older than this has lost its worker. */
  heartbeatStaleSeconds: number;
  /** A queued run older than this will never be picked up (its job was lost). */
  queuedStaleSeconds: number;
}

// Bounded batches keep each statement small (and announced run by run, see migration 0003).
const RECONCILE_BATCH = 200;

/**
 * Completes runs nobody is executing any more as failed with a `worker.lost` entry (SPEC §6): running
 * runs without a recent heartbeat, and queued runs far older than any queue delay. Safe to run from
 * every worker at once: rows another reconciler holds are skipped, and the conditions are re-checked.
 */
export async function reconcileStaleRuns(db: Kysely<Database>, thresholds: ReconcileThresholds): Promise<number[]> {
  const lostRunning = sql`jsonb_build_array(jsonb_build_object('code', 'worker.lost', 'count', 1, 'message',
    'The worker executing this run stopped sending heartbeats (it crashed or was stopped); the run was marked failed. Start it again.'))`;
  const lostQueued = sql`jsonb_build_array(jsonb_build_object('code', 'worker.lost', 'count', 1, 'message',
    'No worker picked this run up in time (its queued job was lost); the run was marked failed. Start it again.'))`;
  const running = await reconcileBatch(db, 'running', sql`coalesce(heartbeat_at, started_at, created_at)`, thresholds.heartbeatStaleSeconds, lostRunning);
  const queued = await reconcileBatch(db, 'queued', sql`created_at`, thresholds.queuedStaleSeconds, lostQueued);
  return [...running, ...queued];
}

async function reconcileBatch(
  db: Kysely<Database>,
  status: 'running' | 'queued',
  lastSignOfLife: ReturnType<typeof sql>,
  staleSeconds: number,
  entry: ReturnType<typeof sql>,
): Promise<number[]> {
  const ids: number[] = [];
  for (;;) {
    const rows = await db
      .updateTable('operation_runs')
      .set({
        status: 'completed',
        outcome: 'failed',
        completed_at: sql`now()`,
        failure_summary: sql`CASE WHEN jsonb_typeof(failure_summary) = 'array' THEN failure_summary ELSE '[]'::jsonb END || ${entry}`,
      })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('operation_runs')
          .select('id')
          .where('status', '=', status)
          .where(sql<boolean>`${lastSignOfLife} < now() - make_interval(secs => ${staleSeconds})`)
          .orderBy('id')
          .limit(RECONCILE_BATCH)
          .forUpdate()
          .skipLocked(),
      )
      .where('status', '=', status)
      .returning('id')
      .execute();
    ids.push(...rows.map((row) => row.id));
    if (rows.length < RECONCILE_BATCH) return ids;
  }
}
