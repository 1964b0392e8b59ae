import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import { effectiveSyncStatus } from './inventory-kpis';
import { microsecondTimestampText } from './keyset-time';

// The "Sync runs" history of a tenant, newest first (started_at DESC, id DESC; index of migration 0001), with
// each run's counts and per-type results from its operation run.

export interface SyncRunCursor {
  started_at: string;
  id: number;
}

const startedAtText = microsecondTimestampText('s.started_at');

export async function listSyncRuns(db: Kysely<Database>, query: { tenantId: number; cursor?: SyncRunCursor; limit: number }) {
  let select = db
    .selectFrom('inventory_sync_runs as s')
    .leftJoin('operation_runs as r', 'r.id', 's.operation_run_id')
    .select([
      's.id', 's.operation_run_id', effectiveSyncStatus.as('status'), 's.started_at', 's.finished_at', 's.selection_payload',
      's.items_observed', 's.items_upserted', 's.errors_count', 'r.outcome', 'r.summary_counts', 'r.completed_at',
      sql<unknown>`r.context -> 'type_results'`.as('type_results'),
      startedAtText.as('cursor_started_at'),
    ])
    .where('s.tenant_id', '=', query.tenantId);
  if (query.cursor) select = select.where(sql<boolean>`(s.started_at, s.id) < (${query.cursor.started_at}::timestamptz, ${query.cursor.id}::bigint)`);
  const rows = await select.orderBy('s.started_at', 'desc').orderBy('s.id', 'desc').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { syncRuns: page, next: rows.length > query.limit && last ? { started_at: last.cursor_started_at, id: last.id } : null };
}

/** The skipped families of the newest sync (what TenantAtlas read but does not cover yet). */
export async function lastSyncSkippedFamilies(db: Kysely<Database>, tenantId: number): Promise<Record<string, number>> {
  const row = await db
    .selectFrom('inventory_sync_runs as s')
    .innerJoin('operation_runs as r', 'r.id', 's.operation_run_id')
    .select(sql<unknown>`r.context -> 'skipped_families'`.as('skipped'))
    .where('s.tenant_id', '=', tenantId)
    .orderBy('s.started_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const skipped = row?.skipped;
  if (typeof skipped !== 'object' || skipped === null || Array.isArray(skipped)) return {};
  return Object.fromEntries(Object.entries(skipped as Record<string, unknown>).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}
