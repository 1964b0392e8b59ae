import type { TenantRow } from '../../db/schema';
import { can, minimumRoleFor, type Role } from '../../domain/access/roles';
import { present, transitionsFrom } from '../../domain/lifecycle';
import { presentHealthStatus } from '../../domain/tenant-health/present-health-status';

/** The tenant JSON of SPEC §4, with the viewer's available lifecycle actions. */
export function presentTenant(row: TenantRow, viewerRole: Role) {
  const mayManage = can(viewerRole, 'manage_tenants');
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
      allowed: mayManage,
      disabled_reason: mayManage ? null : `Requires the ${minimumRoleFor('manage_tenants')} role or higher.`,
    })),
  };
}
