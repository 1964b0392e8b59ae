import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import type { InventorySyncStatus } from '../../domain/inventory';

// The inventory_sync_runs rows (SPEC §1): one per inventory.sync run, written by the sync handler.

export async function createSyncRun(
  db: Kysely<Database>,
  values: { tenant_id: number; operation_run_id: number; selection_hash: string; selection_payload: unknown },
): Promise<number> {
  const row = await db
    .insertInto('inventory_sync_runs')
    .values({ ...values, selection_payload: JSON.stringify(values.selection_payload), status: 'running' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishSyncRun(
  db: Kysely<Database>,
  id: number,
  values: { status: Exclude<InventorySyncStatus, 'running'>; items_observed: number; items_upserted: number; errors_count: number },
): Promise<void> {
  await db.updateTable('inventory_sync_runs').set({ ...values, finished_at: sql`now()` }).where('id', '=', id).execute();
}

export async function recordSyncProgress(db: Kysely<Database>, id: number, values: { items_observed: number; items_upserted: number; errors_count: number }): Promise<void> {
  await db.updateTable('inventory_sync_runs').set(values).where('id', '=', id).where('status', '=', 'running').execute();
}

/**
 * Sync rows left `running` by a run that has completed without them (its worker died, it was cancelled or
 * reconciled) are closed as failed, and what they staged is dropped: a sync row never claims to run forever.
 */
export async function closeAbandonedSyncRuns(db: Kysely<Database>, tenantId: number): Promise<void> {
  await db
    .updateTable('inventory_sync_runs')
    .set({ status: 'failed', finished_at: sql`coalesce((SELECT completed_at FROM operation_runs WHERE operation_runs.id = inventory_sync_runs.operation_run_id), now())` })
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'running')
    .where((eb) =>
      eb.or([
        eb('operation_run_id', 'is', null),
        eb.exists(eb.selectFrom('operation_runs').select(sql.lit(1).as('one')).whereRef('operation_runs.id', '=', 'inventory_sync_runs.operation_run_id').where('operation_runs.status', '=', 'completed')),
      ]),
    )
    .execute();
  await db
    .deleteFrom('inventory_sync_staged')
    .where('sync_run_id', 'in', (eb) => eb.selectFrom('inventory_sync_runs').select('id').where('tenant_id', '=', tenantId).where('status', '<>', 'running'))
    .execute();
}
