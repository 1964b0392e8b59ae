import type { Tenant } from '../../api/types';

/**
 * Why this viewer cannot start a tenant operation here, or null (SPEC §5: operators and up; tenant operations
 * run only for active tenants). `what` names the operation: "a sync", "a drift scan".
 */
export function startDisabledReason(tenant: Pick<Tenant, 'status' | 'lifecycle'>, canStart: boolean, what: string): string | null {
  if (!canStart) return `Starting ${what} requires the operator role or higher.`;
  if (tenant.status !== 'active') return `${what.charAt(0).toUpperCase()}${what.slice(1)} runs only for active tenants; this tenant is ${tenant.lifecycle.label}.`;
  return null;
}
