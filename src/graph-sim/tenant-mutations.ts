// Changing a simulated tenant between two reads, as an admin would in the Intune portal, so drift tests can add, edit
// and delete policies and their children (a script's body, a presentation value, a driver approval, a setting value, a
// group's name). Edits bump lastModifiedDateTime like Graph does. A derived app entity set (e.g.
// deviceAppManagement/iosManagedAppProtections) is a view of deviceAppManagement/managedAppPolicies: changes through
// either name land in the one store.
import jsonpatch, { type Operation } from 'fast-json-patch';
import { entitySet, storeOf } from './graph-catalog';
import type { SimEntity, SimTenant, SimTenantSettings } from './sim-types';

export type PolicyPatch = Record<string, unknown> | ((entity: SimEntity) => SimEntity);

export function tenantById(tenants: SimTenant[], entraTenantId: string): SimTenant {
  const tenant = tenants.find((candidate) => candidate.entra_tenant_id.toLowerCase() === entraTenantId.toLowerCase());
  if (!tenant) throw new Error(`graph-sim has no tenant ${entraTenantId}`);
  return tenant;
}

function collection(tenant: SimTenant, resource: string): SimEntity[] {
  const store = storeOf(resource);
  tenant.policies[store] ??= [];
  return tenant.policies[store];
}

function inView(resource: string, entity: SimEntity): boolean {
  const view = entitySet(resource)?.viewOf;
  return !view || entity['@odata.type'] === view.odataType;
}

export function addPolicy(tenant: SimTenant, resource: string, entity: SimEntity): SimEntity {
  const view = entitySet(resource)?.viewOf;
  const stored: SimEntity = view && entity['@odata.type'] === undefined ? { '@odata.type': view.odataType, ...entity } : entity;
  if (!inView(resource, stored)) throw new Error(`${resource} holds ${view?.odataType ?? ''} entities, not ${String(stored['@odata.type'])}`);
  const items = collection(tenant, resource);
  if (items.some((item) => item.id === stored.id)) throw new Error(`${resource} already has ${stored.id}`);
  items.push(stored);
  return stored;
}

export function updatePolicy(tenant: SimTenant, resource: string, id: string, patch: PolicyPatch): SimEntity {
  const items = collection(tenant, resource);
  const index = items.findIndex((item) => item.id === id && inView(resource, item));
  const current = items[index];
  if (!current) throw new Error(`${resource} has no ${id}`);
  const next = typeof patch === 'function' ? patch(structuredClone(current)) : { ...current, ...patch, id };
  if ('lastModifiedDateTime' in next) next['lastModifiedDateTime'] = new Date().toISOString();
  items[index] = next;
  return next;
}

export function removePolicy(tenant: SimTenant, resource: string, id: string): boolean {
  const items = collection(tenant, resource);
  const index = items.findIndex((item) => item.id === id && inView(resource, item));
  if (index < 0) return false;
  items.splice(index, 1);
  return true;
}

/**
 * Changes one element of a policy's child collections, found by ids along a path of navigation properties, e.g.
 * ['definitionValues', valueId, 'presentationValues', presentationValueId] or ['driverInventories', driverId]; the
 * patch is merged into that element (or is a function of it).
 */
export function updateChild(
  tenant: SimTenant,
  resource: string,
  id: string,
  childPath: readonly string[],
  patch: Record<string, unknown> | ((element: Record<string, unknown>) => Record<string, unknown>),
): SimEntity {
  if (childPath.length === 0 || childPath.length % 2 !== 0) throw new Error('childPath must name a property and an element id, in pairs');
  return updatePolicy(tenant, resource, id, (entity) => {
    let holder: Record<string, unknown> = entity;
    for (let index = 0; index < childPath.length; index += 2) {
      const property = childPath[index] as string;
      const elementId = childPath[index + 1] as string;
      const elements = holder[property];
      if (!Array.isArray(elements)) throw new Error(`${resource}/${id} has no ${childPath.slice(0, index + 1).join('/')}`);
      const position = (elements as Array<Record<string, unknown>>).findIndex((element) => String(element?.['id']) === elementId);
      if (position < 0) throw new Error(`${resource}/${id} has no ${childPath.slice(0, index + 2).join('/')}`);
      if (index + 2 === childPath.length) {
        const current = elements[position] as Record<string, unknown>;
        elements[position] = typeof patch === 'function' ? patch(structuredClone(current)) : { ...current, ...patch, id: current['id'] };
        if ('lastModifiedDateTime' in (elements[position] as object)) (elements[position] as Record<string, unknown>)['lastModifiedDateTime'] = new Date().toISOString();
      } else {
        holder = elements[position] as Record<string, unknown>;
      }
    }
    return entity;
  });
}

/**
 * Sets one setting (by its setting definition id) to a new value, the way an admin changes one setting in the portal:
 * a settings-catalog choice setting's chosen option or a simple setting's value, anywhere in the instance trees of
 * configurationPolicies / compliancePolicies (children of choice and group settings included); an intent setting's
 * value (its `value` and `valueJson`).
 */
export function changeSetting(tenant: SimTenant, resource: string, id: string, definitionId: string, value: unknown): SimEntity {
  return updatePolicy(tenant, resource, id, (entity) => {
    const settings = Array.isArray(entity['settings']) ? (entity['settings'] as Array<Record<string, unknown>>) : [];
    const intentSetting = settings.find((setting) => setting['definitionId'] === definitionId);
    if (intentSetting) {
      intentSetting['value'] = value;
      intentSetting['valueJson'] = JSON.stringify(value);
      return entity;
    }
    const instance = findInstance(settings, definitionId);
    if (!instance) throw new Error(`${resource}/${id} has no setting ${definitionId}`);
    const holder = (instance['choiceSettingValue'] ?? instance['simpleSettingValue']) as Record<string, unknown> | undefined;
    if (!holder) throw new Error(`setting ${definitionId} is neither a choice nor a simple setting; change it with a JSON patch`);
    holder['value'] = value;
    return entity;
  });
}

function findInstance(node: unknown, definitionId: string): Record<string, unknown> | null {
  if (Array.isArray(node)) {
    for (const element of node) {
      const found = findInstance(element, definitionId);
      if (found) return found;
    }
    return null;
  }
  if (typeof node !== 'object' || node === null) return null;
  const record = node as Record<string, unknown>;
  if (record['settingDefinitionId'] === definitionId) return record;
  for (const value of Object.values(record)) {
    const found = findInstance(value, definitionId);
    if (found) return found;
  }
  return null;
}

/** Applies an RFC 6902 JSON patch to one policy (fast-json-patch validates every operation first). */
export function patchPolicy(tenant: SimTenant, resource: string, id: string, patch: Operation[]): SimEntity {
  return updatePolicy(tenant, resource, id, (entity) => {
    const patched = jsonpatch.applyPatch(entity, patch, true, true, true).newDocument;
    return { ...patched, id };
  });
}

/** Renames (or otherwise changes) an Entra group, as an admin would in the Entra admin center. */
export function updateGroup(tenant: SimTenant, groupId: string, patch: Record<string, unknown>): SimEntity {
  const groups = (tenant.groups ??= []);
  const index = groups.findIndex((group) => group.id === groupId);
  const current = groups[index];
  if (!current) throw new Error(`the tenant has no group ${groupId}`);
  const next = { ...current, ...patch, id: groupId };
  groups[index] = next;
  return next;
}

/**
 * Moves one enrollment configuration to a new priority as the portal's reorder (the setPriority action) does: the
 * other custom configurations are renumbered around it (1…n), so their `priority` changes although nobody edited
 * them. The default configurations (priority 0) keep theirs.
 */
export function reorderEnrollmentConfiguration(tenant: SimTenant, id: string, priority: number): SimEntity[] {
  const items = collection(tenant, 'deviceManagement/deviceEnrollmentConfigurations');
  const customs = items.filter((item) => typeof item['priority'] === 'number' && (item['priority'] as number) > 0)
    .sort((a, b) => (a['priority'] as number) - (b['priority'] as number));
  const moved = customs.find((item) => item.id === id);
  if (!moved) throw new Error(`deviceManagement/deviceEnrollmentConfigurations has no custom configuration ${id}`);
  const others = customs.filter((item) => item !== moved);
  const position = Math.max(0, Math.min(others.length, Math.floor(priority) - 1));
  others.splice(position, 0, moved);
  others.forEach((item, index) => {
    item['priority'] = index + 1;
  });
  moved['lastModifiedDateTime'] = new Date().toISOString();
  return others;
}

/** Changes what the tenant's app registration is granted and how the tenant behaves (sim-types SimTenantSettings). */
export function configureTenant(tenant: SimTenant, settings: SimTenantSettings): SimTenantSettings {
  if (settings.granted_permissions !== undefined) {
    if (settings.granted_permissions === null) delete tenant.granted_permissions;
    else tenant.granted_permissions = [...settings.granted_permissions];
  }
  if (settings.intune_licensed !== undefined) tenant.intune_licensed = settings.intune_licensed;
  if (settings.volatile_changes !== undefined) tenant.volatile_changes = settings.volatile_changes;
  if (settings.conditional_access_rate_limit !== undefined) tenant.conditional_access_rate_limit = settings.conditional_access_rate_limit;
  return tenantSettings(tenant);
}

export function tenantSettings(tenant: SimTenant): SimTenantSettings {
  return {
    granted_permissions: tenant.granted_permissions ? [...tenant.granted_permissions] : null,
    intune_licensed: tenant.intune_licensed !== false,
    volatile_changes: tenant.volatile_changes !== false,
    conditional_access_rate_limit: tenant.conditional_access_rate_limit !== false,
  };
}
