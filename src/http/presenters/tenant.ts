import type { TenantRow } from '../../db/schema';
import { can, minimumRoleFor, type Role } from '../../domain/access/roles';
import { present, transitionsFrom } from '../../domain/lifecycle';
import type { OnboardingProgress } from '../../domain/onboarding';
import { startAvailabilities } from '../../domain/operations';
import { presentHealthStatus } from '../../domain/tenant-health/present-health-status';

/**
 * The tenant JSON of SPEC §4, with the viewer's available lifecycle actions. Single-tenant answers pass the
 * onboarding progress: the tenant then carries `onboarding` (its steps, while it is onboarding) and the
 * complete action is disabled with the missing step; lists leave it out.
 */
export function presentTenant(row: TenantRow, viewerRole: Role, onboarding?: OnboardingProgress) {
  const mayManage = can(viewerRole, 'manage_tenants');
  const gate = (action: string) => (action === 'complete_onboarding' && onboarding && !onboarding.can_complete ? onboarding.refusal : null);
  return {
    id: row.id,
    workspace_id: row.workspace_id,
    name: row.name,
    domain: row.domain,
    entra_tenant_id: row.entra_tenant_id,
    status: row.status,
    lifecycle: present(row.status),
    app_status: row.app_status,
    rbac_status: row.rbac_status,
    app_status_presentation: presentHealthStatus(row.app_status),
    rbac_status_presentation: presentHealthStatus(row.rbac_status),
    deleted_at: row.deleted_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    lifecycle_actions: transitionsFrom(row.status).map((t) => ({
      action: t.action,
      label: t.label,
      requires_confirmation: t.requires_confirmation,
      allowed: mayManage && gate(t.action) === null,
      disabled_reason: mayManage ? gate(t.action) : `Requires the ${minimumRoleFor('manage_tenants')} role or higher.`,
    })),
    operation_starts: startAvailabilities(viewerRole, row.status),
    ...(onboarding === undefined ? {} : { onboarding: row.status === 'onboarding' ? { steps: onboarding.steps, can_complete: onboarding.can_complete, missing_step: onboarding.missing_step } : null }),
  };
}
