import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/in-transaction';
import { recordAudit } from '../../db/queries/audit-entries';
import type { Database, TenantRow } from '../../db/schema';
import type { AuditContext } from '../../domain/audit';
import { lockProviderConnection } from '../../db/queries/provider-connections';
import { findTenantById, updateTenantLifecycle } from '../../db/queries/tenants';
import { decideTransition, type LifecycleAction, type LifecycleTransition } from '../../domain/lifecycle';
import { onboardingProgress } from '../../domain/onboarding';
import { loadOnboardingFacts } from './onboarding-facts';

export type LifecycleChangeResult =
  | { ok: true; tenant: TenantRow }
  | { ok: false; code: 'lifecycle.transition_not_allowed' | 'lifecycle.onboarding_incomplete'; message: string };

/** Applies one lifecycle action (SPEC §1): archive sets deleted_at, restore clears it. */
export async function changeTenantLifecycle(db: Kysely<Database>, tenantId: number, action: LifecycleAction, audit: AuditContext): Promise<LifecycleChangeResult> {
  const tenant = await findTenantById(db, tenantId);
  if (!tenant) throw new Error(`Tenant ${tenantId} vanished after access was granted`);
  const decision = decideTransition(tenant.status, action);
  if (!decision.allowed) return { ok: false, code: 'lifecycle.transition_not_allowed', message: decision.message };
  if (action !== 'complete_onboarding') return inTransaction(db, (trx) => applyTransition(trx, tenantId, action, decision.transition, audit));

  // The onboarding gate (SPEC §1): connected and verified after the last save, or no completion. The
  // connection stays locked from reading the facts to the update, so a save in between cannot be missed.
  return db.transaction().execute(async (trx) => {
    await lockProviderConnection(trx, tenantId);
    const progress = onboardingProgress(await loadOnboardingFacts(trx, tenantId));
    if (progress.refusal) return { ok: false, code: 'lifecycle.onboarding_incomplete', message: progress.refusal };
    return applyTransition(trx, tenantId, action, decision.transition, audit);
  });
}

async function applyTransition(
  db: Kysely<Database>,
  tenantId: number,
  action: LifecycleAction,
  { from, to }: LifecycleTransition,
  audit: AuditContext,
): Promise<LifecycleChangeResult> {
  const deleted_at = to === 'archived' ? new Date() : null;
  const updated = await updateTenantLifecycle(db, { id: tenantId, from, to, deleted_at });
  if (!updated) return { ok: false, code: 'lifecycle.transition_not_allowed', message: 'The tenant changed while this request was on its way; reload and try again.' };
  await recordAudit(db, audit, {
    workspace_id: updated.workspace_id,
    tenant_id: updated.id,
    action: 'tenant.lifecycle_changed',
    target_type: 'tenant',
    target_id: updated.id,
    summary: { action, before: { status: from }, after: { status: to } },
  });
  return { ok: true, tenant: updated };
}
