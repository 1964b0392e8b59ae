// How an inventory sync reads Graph for a selection (SPEC §7): each Graph collection once, however many selected
// types share it, with `$expand` where Graph offers it, one GET per item where Graph leaves properties out of list
// answers or keeps them on a derived entity set, and one sub-request per policy for child collections Graph serves
// only as their own (paged) collections. Every path here is what Graph documents or what clients that work against
// real tenants request; the sources are cited next to each rule.
import type { GraphEntity } from './classify-policy';
import { policyTypes, type GraphApiVersion, type PolicyTypeName } from './policy-types';

/** A child collection read with one request per policy (paged), stored on the payload under `property`. */
export interface ChildRead {
  property: string;
  /** Relative to the policy: `{graph_resource}/{id}/{path}`. */
  path: string;
  /** Only policies for which this holds have the child (e.g. driver approvals of manual driver profiles). */
  appliesTo?: (entity: GraphEntity) => boolean;
  /** A child collection of every element of this child, read per element: `{…}/{path}/{element id}/{nested.path}`. */
  nested?: { property: string; path: string };
}

/** One GET per item, for what list answers leave out. */
export interface ItemRead {
  /** The item's path relative to the API version, or null when this entity needs no GET. */
  path: (entity: GraphEntity, externalId: string) => string | null;
  /** The properties taken from the GET's answer onto the listed entity; null: the answer replaces it. */
  properties: readonly string[] | null;
}

export interface CollectionRead {
  graph_resource: string;
  api_version: GraphApiVersion;
  /** The selected types this collection serves, in registry order. */
  policy_types: PolicyTypeName[];
  /** The `$expand` query value of the list, or null. */
  expand: string | null;
  item: ItemRead | null;
  children: ChildRead[];
}

const complianceExpand = 'assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)';

// Script bodies are not part of list answers: Graph documents scriptContent (and the detection and remediation
// bodies of remediations) as returned only by a GET of one script; IntuneManagement and IntuneCD both GET each
// script by id for that reason (IntuneCD backup_powershellScripts / backup_shellScripts / backup_proactiveRemediation).
function lazyProperties(resource: string, properties: readonly string[]): ItemRead {
  return { path: (_entity, id) => `${resource}/${encodeURIComponent(id)}`, properties };
}

// deviceAppManagement/managedAppPolicies is the abstract base set; in Graph's metadata `assignments` and `apps`
// are navigation properties of the derived types (targetedManagedAppProtection and its children, the Windows
// information protection policies, targetedManagedAppConfiguration), each with its own entity set. The exports of
// IntuneManagement carry exactly that: @odata.context deviceAppManagement/iosManagedAppProtections(assignments(),apps()).
export const managedAppPolicyEntitySets: Readonly<Record<string, string>> = Object.freeze({
  '#microsoft.graph.iosManagedAppProtection': 'iosManagedAppProtections',
  '#microsoft.graph.androidManagedAppProtection': 'androidManagedAppProtections',
  '#microsoft.graph.windowsManagedAppProtection': 'windowsManagedAppProtections',
  '#microsoft.graph.windowsInformationProtectionPolicy': 'windowsInformationProtectionPolicies',
  '#microsoft.graph.mdmWindowsInformationProtectionPolicy': 'mdmWindowsInformationProtectionPolicies',
  '#microsoft.graph.targetedManagedAppConfiguration': 'targetedManagedAppConfigurations',
});

// The Windows information protection policies have `assignments` but no `apps` navigation property in the beta
// metadata (their protected apps are a structural property, protectedApps), so expanding apps there is a 400.
const withoutAppsNavigation = new Set(['windowsInformationProtectionPolicies', 'mdmWindowsInformationProtectionPolicies']);

const managedAppPolicyItem: ItemRead = {
  path: (entity, id) => {
    const set = managedAppPolicyEntitySets[String(entity['@odata.type'] ?? '')];
    if (!set) return null;
    const expand = withoutAppsNavigation.has(set) ? 'assignments' : 'apps,assignments';
    return `deviceAppManagement/${set}/${encodeURIComponent(id)}?$expand=${expand}`;
  },
  properties: null,
};

/** Manual driver profiles carry the administrator's approvals in driverInventories (Graph beta windowsDriverUpdateProfile). */
export function isManualDriverProfile(entity: GraphEntity): boolean {
  return entity['approvalType'] === 'manual';
}

interface ResourceRead {
  expand?: string | null;
  item?: ItemRead;
  children?: ChildRead[];
}

const resourceReads: Record<string, ResourceRead> = {
  // Settings are their own paged collection; $expand=settingDefinitions brings Intune's names for each setting in
  // the same answer (IntuneManagement reads settings?$expand=settingDefinitions for its documentation output).
  'deviceManagement/configurationPolicies': { children: [{ property: 'settings', path: 'settings?$expand=settingDefinitions' }] },
  'deviceManagement/compliancePolicies': {
    expand: 'assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)',
    children: [{ property: 'settings', path: 'settings?$expand=settingDefinitions' }],
  },
  // Administrative templates: definition values, and per value its presentation values (the text, list and dropdown
  // parts), which Graph serves as a relationship of the definition value (IntuneCD backup_groupPolicyConfiguration
  // and IntuneManagement read definitionValues/{id}/presentationValues?$expand=presentation one by one).
  'deviceManagement/groupPolicyConfigurations': {
    children: [{
      property: 'definitionValues',
      path: 'definitionValues?$expand=definition',
      nested: { property: 'presentationValues', path: 'presentationValues?$expand=presentation' },
    }],
  },
  'deviceManagement/deviceCompliancePolicies': { expand: complianceExpand },
  'deviceManagement/deviceManagementScripts': { item: lazyProperties('deviceManagement/deviceManagementScripts', ['scriptContent']) },
  'deviceManagement/deviceShellScripts': { item: lazyProperties('deviceManagement/deviceShellScripts', ['scriptContent']) },
  'deviceManagement/deviceComplianceScripts': { item: lazyProperties('deviceManagement/deviceComplianceScripts', ['detectionScriptContent']) },
  'deviceManagement/deviceHealthScripts': {
    item: lazyProperties('deviceManagement/deviceHealthScripts', ['detectionScriptContent', 'remediationScriptContent']),
  },
  // Intents (the older endpoint security and baseline policies): settings and assignments are child collections
  // (IntuneManagement's EndpointSecurity reads intents/{id}/settings and intents/{id}/assignments).
  'deviceManagement/intents': {
    expand: null,
    children: [
      { property: 'settings', path: 'settings' },
      { property: 'assignments', path: 'assignments' },
    ],
  },
  'deviceManagement/windowsDriverUpdateProfiles': {
    children: [{ property: 'driverInventories', path: 'driverInventories', appliesTo: isManualDriverProfile }],
  },
  // Listed from the base set (which names each policy's derived type), read from the derived set with its navigation.
  'deviceAppManagement/managedAppPolicies': { expand: null, item: managedAppPolicyItem },
};

export function inventoryReadPlan(selection: readonly PolicyTypeName[]): CollectionRead[] {
  const selected = new Set(selection);
  const reads = new Map<string, CollectionRead>();
  for (const entry of policyTypes) {
    if (!selected.has(entry.type)) continue;
    const existing = reads.get(entry.graph_resource);
    if (existing) {
      existing.policy_types.push(entry.type);
      continue;
    }
    const specific = resourceReads[entry.graph_resource] ?? {};
    reads.set(entry.graph_resource, {
      graph_resource: entry.graph_resource,
      api_version: entry.api_version,
      policy_types: [entry.type],
      expand: specific.expand !== undefined ? specific.expand : entry.dependencies ? 'assignments' : null,
      item: specific.item ?? null,
      children: specific.children ?? [],
    });
  }
  return [...reads.values()];
}

/** The collection's request path, relative to the API version. */
export function collectionRequestPath(read: CollectionRead): string {
  return read.expand ? `${read.graph_resource}?$expand=${read.expand}` : read.graph_resource;
}

/** A policy's child collection path, relative to the API version. */
export function childRequestPath(read: CollectionRead, child: ChildRead, externalId: string): string {
  return `${read.graph_resource}/${encodeURIComponent(externalId)}/${child.path}`;
}

/** The nested child collection of one element of a policy's child collection (e.g. a definition value's presentation values). */
export function nestedChildRequestPath(read: CollectionRead, child: ChildRead, externalId: string, elementId: string): string | null {
  if (!child.nested) return null;
  const childPath = child.path.split('?')[0] ?? child.path;
  return `${read.graph_resource}/${encodeURIComponent(externalId)}/${childPath}/${encodeURIComponent(elementId)}/${child.nested.path}`;
}
