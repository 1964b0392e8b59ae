import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

// The numbers of the inventory hub's shared header (SPEC §3), read from small trigger-kept tables and the
// newest sync row: items per type (inventory_item_tallies), the last sync, and the active runs
// (operation_run_type_tallies). The chips and coverage are computed from the per-type counts by the domain.

export interface LastSyncRow {
  id: number;
  /** The sync row's status, or failed when its run completed without finishing it (a lost worker). */
  status: string;
  started_at: Date;
  finished_at: Date | null;
  operation_run_id: number | null;
  outcome: string | null;
}

export interface InventoryHeaderFacts {
  itemsByType: Array<{ policy_type: string; items: number }>;
  lastSync: LastSyncRow | null;
  activeRuns: number;
  activeInventorySyncs: number;
}

export async function inventoryHeaderFacts(db: Kysely<Database>, tenantId: number): Promise<InventoryHeaderFacts> {
  const [itemsByType, lastSync, active] = await Promise.all([
    db.selectFrom('inventory_item_tallies').select(['policy_type', 'items']).where('tenant_id', '=', tenantId).where('items', '>', 0).execute(),
    latestSyncRun(db, tenantId),
    db
      .selectFrom('operation_run_type_tallies')
      .select([
        sql<number>`coalesce(sum(run_count), 0)::int`.as('all'),
        sql<number>`coalesce(sum(run_count) FILTER (WHERE type = 'inventory.sync'), 0)::int`.as('inventory_sync'),
      ])
      .where('tenant_id', '=', tenantId)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    itemsByType: itemsByType.map((row) => ({ policy_type: row.policy_type, items: Number(row.items) })),
    lastSync: lastSync ?? null,
    activeRuns: Number(active.all),
    activeInventorySyncs: Number(active.inventory_sync),
  };
}

export const effectiveSyncStatus = sql<string>`CASE WHEN s.status = 'running' AND r.status = 'completed' THEN 'failed' ELSE s.status END`;

export function latestSyncRun(db: Kysely<Database>, tenantId: number): Promise<LastSyncRow | undefined> {
  return db
    .selectFrom('inventory_sync_runs as s')
    .leftJoin('operation_runs as r', 'r.id', 's.operation_run_id')
    .select(['s.id', effectiveSyncStatus.as('status'), 's.started_at', 's.finished_at', 's.operation_run_id', 'r.outcome'])
    .where('s.tenant_id', '=', tenantId)
    .orderBy('s.started_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
