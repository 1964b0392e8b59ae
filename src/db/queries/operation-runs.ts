import { sql, type Kysely } from 'kysely';
import type { Database, OperationRunRow } from '../schema';

// Starting a run and reading one back. Transitions after the start live in operation-run-transitions.ts,
// KPIs and tab counts in operation-run-kpis.ts, the paged list in operation-run-listing.ts.

/** A run row with its initiator's name (and its canceller's, when a person cancelled it), as the API presents it. */
export type OperationRunRecord = OperationRunRow & { initiator_name: string | null; cancelled_by_name: string | null };

export interface RunIdentity {
  workspace_id: number;
  /** null = a workspace-level run. */
  tenant_id: number | null;
  type: string;
  selection_hash: string;
}

export interface NewRun extends RunIdentity {
  user_id: number | null;
  context: Record<string, unknown>;
}

// Literal SQL on purpose: ON CONFLICT infers the arbiter index operation_runs_active_identity_key
// (migration 0002) by matching this expression list and predicate, which bound parameters cannot do.
const activeIdentityTarget = sql`workspace_id, coalesce(tenant_id, 0), type, selection_hash`;
const isActive = sql<boolean>`status IN ('queued', 'running')`;

/**
 * Creates the queued run unless one with the same identity is active, in which case that one is returned
 * with `reused: true`. The partial unique index decides, not a check in code, so any number of concurrent
 * starts yield one run. If the active run completes between our insert and our read, the insert is tried
 * again: the loop ends as soon as one of the two statements sees a run.
 */
export async function startOrReuseRun(db: Kysely<Database>, run: NewRun): Promise<{ run: OperationRunRecord; reused: boolean }> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const inserted = await db
      .insertInto('operation_runs')
      .values({ ...run, context: JSON.stringify(run.context), status: 'queued', outcome: 'pending' })
      .onConflict((conflict) => conflict.expression(activeIdentityTarget).where(isActive).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { run: await findRunByIdOrThrow(db, inserted.id), reused: false };
    const active = await findActiveRunId(db, run);
    if (active) return { run: await findRunByIdOrThrow(db, active.id), reused: true };
  }
  throw new Error(`Could not start or reuse a ${run.type} run: its identity kept changing underneath`);
}

function findActiveRunId(db: Kysely<Database>, identity: RunIdentity) {
  return db
    .selectFrom('operation_runs')
    .select('id')
    .where('workspace_id', '=', identity.workspace_id)
    .where(sql`coalesce(tenant_id, 0)`, '=', identity.tenant_id ?? 0)
    .where('type', '=', identity.type)
    .where('selection_hash', '=', identity.selection_hash)
    .where(isActive)
    .executeTakeFirst();
}

// The canceller's id sits in the context (cancel-operation writes it); the pattern guard keeps a malformed
// context written by anything else from failing the cast and with it the whole list.
const cancelledByUserId = sql<number>`CASE WHEN r.context->>'cancelled_by_user_id' ~ '^[0-9]{1,15}$' THEN (r.context->>'cancelled_by_user_id')::bigint END`;

export function selectRunRecords(db: Kysely<Database>) {
  return db
    .selectFrom('operation_runs as r')
    .leftJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('users as c', (join) => join.on('c.id', '=', cancelledByUserId))
    .selectAll('r')
    .select(['u.name as initiator_name', 'c.name as cancelled_by_name']);
}

export function findRunById(db: Kysely<Database>, id: number): Promise<OperationRunRecord | undefined> {
  return selectRunRecords(db).where('r.id', '=', id).executeTakeFirst();
}

async function findRunByIdOrThrow(db: Kysely<Database>, id: number): Promise<OperationRunRecord> {
  const run = await findRunById(db, id);
  if (!run) throw new Error(`Operation run ${id} vanished right after it was started`);
  return run;
}

/** Active runs of the whole database by status, from the trigger-kept tallies (a read that does not grow): metrics. */
export async function countActiveRunsEverywhere(db: Kysely<Database>): Promise<{ queued: number; running: number }> {
  const rows = await db
    .selectFrom('operation_run_tallies')
    .select(['status', sql<number>`sum(run_count)`.as('runs')])
    .where('status', 'in', ['queued', 'running'])
    .groupBy('status')
    .execute();
  const of = (status: string) => Number(rows.find((row) => row.status === status)?.runs ?? 0);
  return { queued: of('queued'), running: of('running') };
}
