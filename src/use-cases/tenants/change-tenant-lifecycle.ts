import type { Kysely } from 'kysely';
import type { Database, TenantRow } from '../../db/schema';
import { findTenantById, updateTenantLifecycle } from '../../db/queries/tenants';
import { decideTransition, type LifecycleAction } from '../../domain/lifecycle';

export type LifecycleChangeResult = { ok: true; tenant: TenantRow } | { ok: false; message: string };

/** Applies one lifecycle action (SPEC §1): archive sets deleted_at, restore clears it. */
export async function changeTenantLifecycle(db: Kysely<Database>, tenantId: number, action: LifecycleAction): Promise<LifecycleChangeResult> {
  const tenant = await findTenantById(db, tenantId);
  if (!tenant) throw new Error(`Tenant ${tenantId} vanished after access was granted`);
  const decision = decideTransition(tenant.status, action);
  if (!decision.allowed) return { ok: false, message: decision.message };
  const { from, to } = decision.transition;
  const deleted_at = to === 'archived' ? new Date() : null;
  const updated = await updateTenantLifecycle(db, { id: tenantId, from, to, deleted_at });
  if (!updated) return { ok: false, message: 'The tenant changed while this request was on its way; reload and try again.' };
  return { ok: true, tenant: updated };
}
