// Changing a simulated tenant between two reads, as an admin would in the Intune portal, so drift tests
// can add, edit and delete policies. Edits bump lastModifiedDateTime like Graph does.
import type { SimEntity, SimTenant } from './sim-types';

export type PolicyPatch = Record<string, unknown> | ((entity: SimEntity) => SimEntity);

export function tenantById(tenants: SimTenant[], entraTenantId: string): SimTenant {
  const tenant = tenants.find((candidate) => candidate.entra_tenant_id.toLowerCase() === entraTenantId.toLowerCase());
  if (!tenant) throw new Error(`graph-sim has no tenant ${entraTenantId}`);
  return tenant;
}

function collection(tenant: SimTenant, resource: string): SimEntity[] {
  tenant.policies[resource] ??= [];
  return tenant.policies[resource];
}

export function addPolicy(tenant: SimTenant, resource: string, entity: SimEntity): SimEntity {
  const items = collection(tenant, resource);
  if (items.some((item) => item.id === entity.id)) throw new Error(`${resource} already has ${entity.id}`);
  items.push(entity);
  return entity;
}

export function updatePolicy(tenant: SimTenant, resource: string, id: string, patch: PolicyPatch): SimEntity {
  const items = collection(tenant, resource);
  const index = items.findIndex((item) => item.id === id);
  const current = items[index];
  if (!current) throw new Error(`${resource} has no ${id}`);
  const next = typeof patch === 'function' ? patch(structuredClone(current)) : { ...current, ...patch, id };
  if ('lastModifiedDateTime' in next) next['lastModifiedDateTime'] = new Date().toISOString();
  items[index] = next;
  return next;
}

export function removePolicy(tenant: SimTenant, resource: string, id: string): boolean {
  const items = collection(tenant, resource);
  const index = items.findIndex((item) => item.id === id);
  if (index < 0) return false;
  items.splice(index, 1);
  return true;
}
