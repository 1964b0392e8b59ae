import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

// The write side of the inventory (SPEC §1 "last observed" state), used only by the inventory sync:
// compare what was read with what is stored, stage what differs, and apply a type's staged rows once its
// whole read succeeded. Unchanged items are never written (a re-sync of an unchanged tenant writes no item
// row), and items are never deleted: one that Graph no longer returns is marked missing.

export interface StoredHash {
  content_hash: string | null;
  missing: boolean;
}

const key = (policyType: string, externalId: string) => `${policyType}\u0000${externalId}`;

/** The stored hash of each of these items that exists, keyed by type and external id. */
export async function storedHashes(
  db: Kysely<Database>,
  tenantId: number,
  policyTypes: readonly string[],
  externalIds: readonly string[],
): Promise<{ get(policyType: string, externalId: string): StoredHash | undefined }> {
  const found = new Map<string, StoredHash>();
  if (externalIds.length > 0 && policyTypes.length > 0) {
    const rows = await db
      .selectFrom('inventory_items')
      .select(['policy_type', 'external_id', 'content_hash', 'missing_since_sync_run_id'])
      .where('tenant_id', '=', tenantId)
      .where('policy_type', 'in', [...policyTypes])
      .where('external_id', 'in', [...new Set(externalIds)])
      .execute();
    for (const row of rows) found.set(key(row.policy_type, row.external_id), { content_hash: row.content_hash, missing: row.missing_since_sync_run_id !== null });
  }
  return { get: (policyType, externalId) => found.get(key(policyType, externalId)) };
}

export interface StagedItem {
  policy_type: string;
  external_id: string;
  display_name: string;
  category: string;
  platform: string;
  content_hash: string;
  payload: unknown;
}

export async function stageItems(db: Kysely<Database>, syncRunId: number, items: readonly StagedItem[]): Promise<void> {
  if (items.length === 0) return;
  await db
    .insertInto('inventory_sync_staged')
    .values(items.map((item) => ({ ...item, sync_run_id: syncRunId, payload: JSON.stringify(item.payload) })))
    .onConflict((conflict) =>
      conflict.columns(['sync_run_id', 'policy_type', 'external_id']).doUpdateSet((eb) => ({
        display_name: eb.ref('excluded.display_name'),
        category: eb.ref('excluded.category'),
        platform: eb.ref('excluded.platform'),
        content_hash: eb.ref('excluded.content_hash'),
        payload: eb.ref('excluded.payload'),
      })),
    )
    .execute();
}

/**
 * Moves a type's staged rows into inventory_items in one transaction: new items are created, changed or
 * reappearing ones updated (content_changed_at only when the content differs). Returns the counts.
 */
export async function applyStagedType(
  db: Kysely<Database>,
  input: { tenantId: number; syncRunId: number; policyType: string },
): Promise<{ created: number; updated: number }> {
  return db.transaction().execute(async (trx) => {
    const result = await sql<{ inserted: boolean }>`
      INSERT INTO inventory_items AS item
        (tenant_id, policy_type, external_id, display_name, category, platform, content_hash, payload,
         last_seen_at, last_seen_sync_run_id, first_seen_at, content_changed_at)
      SELECT ${input.tenantId}::bigint, policy_type, external_id, display_name, category, platform, content_hash, payload,
             now(), sync_run_id, now(), now()
      FROM inventory_sync_staged
      WHERE sync_run_id = ${input.syncRunId} AND policy_type = ${input.policyType}
      ON CONFLICT (tenant_id, policy_type, external_id) DO UPDATE SET
        display_name = excluded.display_name,
        category = excluded.category,
        platform = excluded.platform,
        payload = excluded.payload,
        content_changed_at = CASE WHEN item.content_hash IS DISTINCT FROM excluded.content_hash THEN now() ELSE item.content_changed_at END,
        content_hash = excluded.content_hash,
        last_seen_at = now(),
        last_seen_sync_run_id = excluded.last_seen_sync_run_id,
        missing_since_sync_run_id = NULL
      RETURNING (xmax = 0) AS inserted`.execute(trx);
    await trx.deleteFrom('inventory_sync_staged').where('sync_run_id', '=', input.syncRunId).where('policy_type', '=', input.policyType).execute();
    const created = result.rows.filter((row) => row.inserted).length;
    return { created, updated: result.rows.length - created };
  });
}

/**
 * Marks the type's present items that this sync did not return as missing since this sync. Their
 * last_seen_* become the type's previous successful sync (the last one that saw them) and stay there.
 */
export async function markUnseen(
  db: Kysely<Database>,
  input: {
    tenantId: number;
    policyType: string;
    syncRunId: number;
    seenExternalIds: readonly string[];
    previouslySeenBy: { sync_run_id: number | null; at: Date | null };
  },
): Promise<number> {
  const result = await db
    .updateTable('inventory_items')
    .set({
      missing_since_sync_run_id: input.syncRunId,
      last_seen_sync_run_id: sql`coalesce(${input.previouslySeenBy.sync_run_id}::bigint, last_seen_sync_run_id)`,
      last_seen_at: sql`coalesce(${input.previouslySeenBy.at}::timestamptz, last_seen_at)`,
    })
    .where('tenant_id', '=', input.tenantId)
    .where('policy_type', '=', input.policyType)
    .where('missing_since_sync_run_id', 'is', null)
    .where(sql<boolean>`external_id <> ALL(${[...input.seenExternalIds]}::text[])`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Drops what a sync staged for types whose read failed: their stored items stay as they were. */
export async function discardStaged(db: Kysely<Database>, syncRunId: number, policyTypes: readonly string[]): Promise<void> {
  if (policyTypes.length === 0) return;
  await db.deleteFrom('inventory_sync_staged').where('sync_run_id', '=', syncRunId).where('policy_type', 'in', [...policyTypes]).execute();
}
