import { sql, type Kysely, type Selectable } from 'kysely';
import type { BaselinesTable, Database } from '../schema';
import { payloadsByPolicyKey, policyRefIn, type PolicyRef } from './drift-inputs';

// A tenant's baselines (issue 7): the snapshot a drift scan compares against. The current baseline is the
// newest whose capture completed; earlier ones stay readable.

export type BaselineRow = Selectable<BaselinesTable>;

export interface BaselineItemInsert {
  policy_type: string;
  external_id: string;
  display_name: string | null;
  content_hash: string | null;
  /** The normalized content (SPEC §7), not the raw Graph payload. */
  payload: unknown;
}

export async function createBaseline(
  db: Kysely<Database>,
  values: { tenant_id: number; operation_run_id: number; inventory_sync_run_id: number; policy_types: string[] },
): Promise<number> {
  const row = await db
    .insertInto('baselines')
    .values({ ...values, policy_types: JSON.stringify(values.policy_types) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertBaselineItems(db: Kysely<Database>, baselineId: number, items: readonly BaselineItemInsert[]): Promise<void> {
  if (items.length === 0) return;
  await db
    .insertInto('baseline_items')
    .values(items.map((item) => ({ baseline_id: baselineId, ...item, payload: JSON.stringify(item.payload) })))
    .execute();
}

export async function completeBaseline(db: Kysely<Database>, baselineId: number, itemCount: number): Promise<void> {
  await db.updateTable('baselines').set({ item_count: itemCount, completed_at: sql`now()` }).where('id', '=', baselineId).execute();
}

/** A capture that did not finish leaves no items behind (it never became current). */
export async function discardBaseline(db: Kysely<Database>, baselineId: number): Promise<void> {
  await db.deleteFrom('baselines').where('id', '=', baselineId).where('completed_at', 'is', null).execute();
}

/** Every completed capture of the tenant, newest first (the current one first). */
export function listBaselines(db: Kysely<Database>, tenantId: number, limit = 50): Promise<BaselineRow[]> {
  return db
    .selectFrom('baselines')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('completed_at', 'is not', null)
    .orderBy('completed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function findCurrentBaseline(db: Kysely<Database>, tenantId: number): Promise<BaselineRow | undefined> {
  return (await listBaselines(db, tenantId, 1))[0];
}

export function baselineItemHashes(db: Kysely<Database>, baselineId: number) {
  return db
    .selectFrom('baseline_items')
    .select(['policy_type', 'external_id', 'display_name', 'content_hash'])
    .where('baseline_id', '=', baselineId)
    .execute();
}

/** The normalized contents of some of a baseline's policies, by policyKey. */
export async function baselineItemContents(db: Kysely<Database>, baselineId: number, keys: readonly PolicyRef[]): Promise<Map<string, unknown>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('baseline_items').select(['policy_type', 'external_id', 'payload']).where('baseline_id', '=', baselineId).where(policyRefIn(keys)).execute();
  return payloadsByPolicyKey(rows);
}
