// Changing a simulated tenant between two reads, as an admin would in the Intune portal, so drift tests
// can add, edit and delete policies. Edits bump lastModifiedDateTime like Graph does.
import jsonpatch, { type Operation } from 'fast-json-patch';
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

/**
 * Sets one settings-catalog setting (by its setting definition id) to a new value, the way an admin changes
 * one setting in the portal: a choice setting's chosen option, or a simple setting's value.
 */
export function changeSetting(tenant: SimTenant, resource: string, id: string, definitionId: string, value: unknown): SimEntity {
  return updatePolicy(tenant, resource, id, (entity) => {
    const settings = Array.isArray(entity['settings']) ? (entity['settings'] as Array<Record<string, unknown>>) : [];
    const instance = settings
      .map((setting) => setting['settingInstance'] as Record<string, unknown> | undefined)
      .find((candidate) => candidate?.['settingDefinitionId'] === definitionId);
    if (!instance) throw new Error(`${resource}/${id} has no setting ${definitionId}`);
    const holder = (instance['choiceSettingValue'] ?? instance['simpleSettingValue']) as Record<string, unknown> | undefined;
    if (!holder) throw new Error(`setting ${definitionId} is neither a choice nor a simple setting; change it with a JSON patch`);
    holder['value'] = value;
    return entity;
  });
}

/** Applies an RFC 6902 JSON patch to one policy (fast-json-patch validates every operation first). */
export function patchPolicy(tenant: SimTenant, resource: string, id: string, patch: Operation[]): SimEntity {
  return updatePolicy(tenant, resource, id, (entity) => {
    const patched = jsonpatch.applyPatch(entity, patch, true, true, true).newDocument;
    return { ...patched, id };
  });
}
