import { sql, type Kysely, type RawBuilder } from 'kysely';
import { policyKey } from '../../domain/drift';
import type { Database } from '../schema';

export type PolicyRef = { policy_type: string; external_id: string };

/** `(policy_type, external_id) IN (…)` for baseline_items and inventory_items alike. */
export function policyRefIn(refs: readonly PolicyRef[]): RawBuilder<boolean> {
  return sql<boolean>`(policy_type, external_id) IN (${sql.join(refs.map((ref) => sql`(${ref.policy_type}, ${ref.external_id})`))})`;
}

/** Rows' payloads by policyKey. */
export function payloadsByPolicyKey(rows: ReadonlyArray<PolicyRef & { payload: unknown }>): Map<string, unknown> {
  return new Map(rows.map((row) => [policyKey(row), row.payload]));
}

// What a baseline capture and a drift scan read of the inventory: the items present in the tenant now (seen by
// their type's last sync; an item marked not seen is gone from Graph), by hash first and by content on demand.

export function latestFinishedSync(db: Kysely<Database>, tenantId: number) {
  return db
    .selectFrom('inventory_sync_runs')
    .select(['id', 'status', 'started_at', 'finished_at', 'operation_run_id'])
    .where('tenant_id', '=', tenantId)
    .where('status', '!=', 'running')
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function presentItemHashes(db: Kysely<Database>, tenantId: number, policyTypes: readonly string[]) {
  if (policyTypes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('inventory_items')
    .select(['policy_type', 'external_id', 'display_name', 'content_hash'])
    .where('tenant_id', '=', tenantId)
    .where('policy_type', 'in', policyTypes)
    .where('missing_since_sync_run_id', 'is', null)
    .execute();
}

/** One page of present items with their raw payloads, in id order (a capture walks them page by page). */
export function presentItemsPage(db: Kysely<Database>, tenantId: number, policyTypes: readonly string[], afterId: number, limit: number) {
  return db
    .selectFrom('inventory_items')
    .select(['id', 'policy_type', 'external_id', 'display_name', 'content_hash', 'payload'])
    .where('tenant_id', '=', tenantId)
    .where('policy_type', 'in', policyTypes)
    .where('missing_since_sync_run_id', 'is', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The raw payloads of some present items, by policyKey. */
export async function presentItemPayloads(
  db: Kysely<Database>,
  tenantId: number,
  keys: readonly PolicyRef[],
): Promise<Map<string, unknown>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('inventory_items').select(['policy_type', 'external_id', 'payload']).where('tenant_id', '=', tenantId).where(policyRefIn(keys)).execute();
  return payloadsByPolicyKey(rows);
}
