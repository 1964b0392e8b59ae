import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

// The sync-and-scan schedule (issue 7): which active tenants are due for a sync, and which for a scan.
// Both are decided from the run ledger itself, so a crashed worker or a restarted process loses nothing:
// the next tick sees the same facts.

/** Active tenants of workspaces with the schedule on whose newest inventory.sync started longer ago than the interval (or never). */
export async function tenantsDueForSync(db: Kysely<Database>, now: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('tenants as t')
    .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
    .select('t.id')
    .where('t.status', '=', 'active')
    .where('t.deleted_at', 'is', null)
    .where('w.sync_scan_interval_hours', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('operation_runs as r')
            .select(sql`1`.as('one'))
            .whereRef('r.tenant_id', '=', 't.id')
            .where('r.type', '=', 'inventory.sync')
            .where(sql<boolean>`r.created_at > ${now}::timestamptz - make_interval(hours => w.sync_scan_interval_hours)`),
        ),
      ),
    )
    .orderBy('t.id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Active tenants (schedule on, with a current baseline) whose newest completed inventory.sync that read
 * something (succeeded or partial) completed after their newest drift.scan was created, or that were never scanned.
 */
export async function tenantsDueForScan(db: Kysely<Database>): Promise<number[]> {
  const result = await sql<{ id: number }>`
    SELECT t.id
    FROM tenants t
    JOIN workspaces w ON w.id = t.workspace_id
    CROSS JOIN LATERAL (
      SELECT max(r.completed_at) AS synced_at FROM operation_runs r
      WHERE r.tenant_id = t.id AND r.type = 'inventory.sync' AND r.status = 'completed' AND r.outcome IN ('succeeded', 'partial')
    ) sync
    CROSS JOIN LATERAL (
      SELECT max(r.created_at) AS scanned_at FROM operation_runs r WHERE r.tenant_id = t.id AND r.type = 'drift.scan'
    ) scan
    WHERE t.status = 'active' AND t.deleted_at IS NULL AND w.sync_scan_interval_hours IS NOT NULL
      AND EXISTS (SELECT 1 FROM baselines b WHERE b.tenant_id = t.id AND b.completed_at IS NOT NULL)
      AND sync.synced_at IS NOT NULL AND (scan.scanned_at IS NULL OR scan.scanned_at < sync.synced_at)
    ORDER BY t.id`.execute(db);
  return result.rows.map((row) => row.id);
}

export async function workspaceSchedule(db: Kysely<Database>, workspaceId: number): Promise<number | null> {
  const row = await db.selectFrom('workspaces').select('sync_scan_interval_hours').where('id', '=', workspaceId).executeTakeFirst();
  return row?.sync_scan_interval_hours ?? null;
}

export async function setWorkspaceSchedule(db: Kysely<Database>, workspaceId: number, intervalHours: number | null): Promise<void> {
  await db.updateTable('workspaces').set({ sync_scan_interval_hours: intervalHours }).where('id', '=', workspaceId).execute();
}
