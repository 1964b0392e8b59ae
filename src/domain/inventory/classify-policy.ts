// Splits the Graph collections that several policy types share (SPEC §7). Only
// deviceManagement/deviceConfigurations, deviceManagement/configurationPolicies and
// deviceAppManagement/managedAppPolicies are shared; every other
// collection belongs wholly to its one type. The rules are pure so inventory sync, the Graph simulator and
// tests all classify an entity the same way.
import { policyTypes, findPolicyType, type PolicyType, type PolicyTypeName } from './policy-types';

/** A Graph entity as JSON; classification only reads `@odata.type` and `templateReference`. */
export type GraphEntity = Record<string, unknown>;

export const windowsUpdateRingODataType = '#microsoft.graph.windowsUpdateForBusinessConfiguration';
export const targetedManagedAppConfigurationODataType = '#microsoft.graph.targetedManagedAppConfiguration';

function isWindowsUpdateRing(entity: GraphEntity): boolean {
  return entity['@odata.type'] === windowsUpdateRingODataType;
}

/**
 * The configuration policy's template family. A missing templateReference, a null or empty family and
 * the explicit 'none' all mean "no template": a plain settings catalog policy.
 */
export function templateFamilyOf(entity: GraphEntity): string | null {
  const reference = entity['templateReference'];
  if (typeof reference !== 'object' || reference === null) return null;
  const family = (reference as Record<string, unknown>)['templateFamily'];
  if (typeof family !== 'string' || family === '' || family === 'none') return null;
  return family;
}

// Entities of a shared collection that match none of its types (e.g. a configuration policy whose
// templateFamily is 'enrollmentConfiguration') belong to no registry type: the spec lists no home for them.
const membershipRules: Partial<Record<PolicyTypeName, (entity: GraphEntity) => boolean>> = {
  deviceConfiguration: (entity) => !isWindowsUpdateRing(entity),
  windowsUpdateRing: isWindowsUpdateRing,
  settingsCatalogPolicy: (entity) => templateFamilyOf(entity) === null,
  endpointSecurityPolicy: (entity) => templateFamilyOf(entity)?.startsWith('endpointSecurity') ?? false,
  securityBaselinePolicy: (entity) => templateFamilyOf(entity) === 'baseline',
  // deviceAppManagement/managedAppPolicies lists protection and managed-app configuration alike (both derive from
  // managedAppPolicy in Graph's metadata); targetedManagedAppConfiguration is app configuration, not protection.
  appProtectionPolicy: (entity) => entity['@odata.type'] !== targetedManagedAppConfigurationODataType,
  managedAppConfiguration: (entity) => entity['@odata.type'] === targetedManagedAppConfigurationODataType,
};

/** Whether an entity read from `type`'s graph_resource belongs to `type`. */
export function belongsTo(type: PolicyTypeName, entity: GraphEntity): boolean {
  if (!findPolicyType(type)) return false;
  const rule = membershipRules[type];
  return rule ? rule(entity) : true;
}

/** The registry types whose entities live in `graphResource`, in registry order. */
export function policyTypesForResource(graphResource: string): PolicyType[] {
  return policyTypes.filter((entry) => entry.graph_resource === graphResource);
}

/** Distinct Graph collections of the registry, in registry order; each needs to be read once per sync. */
export function graphResources(): string[] {
  return [...new Set(policyTypes.map((entry) => entry.graph_resource))];
}

/** The policy type of an entity read from `graphResource`, or null when no registry type claims it. */
export function classify(graphResource: string, entity: GraphEntity): PolicyTypeName | null {
  const owner = policyTypesForResource(graphResource).find((entry) => belongsTo(entry.type, entity));
  return owner?.type ?? null;
}

/**
 * What an entity no registry type claims is, for the "not covered yet" count of a sync: its template family
 * (configuration policies), else its @odata.type without the namespace.
 */
export function unclaimedFamily(entity: GraphEntity): string {
  const family = templateFamilyOf(entity);
  if (family) return family;
  const odataType = entity['@odata.type'];
  return typeof odataType === 'string' && odataType !== '' ? odataType.replace(/^#microsoft\.graph\./, '') : 'unknown';
}
