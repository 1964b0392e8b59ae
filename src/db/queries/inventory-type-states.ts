import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, InventoryTypeStatesTable } from '../schema';

// Each policy type's latest sync result per tenant: coverage's "last result", and which sync last saw the
// type's present items (they are not rewritten when unchanged; see migration 0008).

export type InventoryTypeStateRow = Selectable<InventoryTypeStatesTable>;

export async function recordTypeResult(
  db: Kysely<Database>,
  values: { tenant_id: number; policy_type: string; sync_run_id: number; status: 'succeeded' | 'partial' | 'failed'; error_code: string | null },
): Promise<void> {
  // A partial type was read (only some of its policies' own reads failed, their stored state kept): it counts as
  // read for coverage, capture and drift, like a succeeded one.
  const succeeded = values.status !== 'failed';
  await db
    .insertInto('inventory_type_states')
    .values({
      tenant_id: values.tenant_id,
      policy_type: values.policy_type,
      last_sync_run_id: values.sync_run_id,
      last_status: values.status,
      last_error_code: values.error_code,
      last_synced_at: sql`now()`,
      last_succeeded_sync_run_id: succeeded ? values.sync_run_id : null,
      last_succeeded_at: succeeded ? sql`now()` : null,
    })
    .onConflict((conflict) =>
      conflict.columns(['tenant_id', 'policy_type']).doUpdateSet((eb) => ({
        last_sync_run_id: eb.ref('excluded.last_sync_run_id'),
        last_status: eb.ref('excluded.last_status'),
        last_error_code: eb.ref('excluded.last_error_code'),
        last_synced_at: eb.ref('excluded.last_synced_at'),
        last_succeeded_sync_run_id: succeeded ? eb.ref('excluded.last_succeeded_sync_run_id') : eb.ref('inventory_type_states.last_succeeded_sync_run_id'),
        last_succeeded_at: succeeded ? eb.ref('excluded.last_succeeded_at') : eb.ref('inventory_type_states.last_succeeded_at'),
      })),
    )
    .execute();
}

export function listTypeStates(db: Kysely<Database>, tenantId: number): Promise<InventoryTypeStateRow[]> {
  return db.selectFrom('inventory_type_states').selectAll().where('tenant_id', '=', tenantId).execute();
}

export function findTypeState(db: Kysely<Database>, tenantId: number, policyType: string): Promise<InventoryTypeStateRow | undefined> {
  return db.selectFrom('inventory_type_states').selectAll().where('tenant_id', '=', tenantId).where('policy_type', '=', policyType).executeTakeFirst();
}
