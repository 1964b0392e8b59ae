// How an inventory sync reads Graph for a selection (SPEC §7, issue "read what later comparison needs"): each
// Graph collection once, however many selected types share it, with `$expand` where Graph offers it and one
// sub-request per policy where it does not (a configuration policy's settings and an administrative
// template's definition values are separate, paged collections in Graph).
import { policyTypes, type GraphApiVersion, type PolicyTypeName } from './policy-types';

/** A child collection read with one request per policy, stored on the payload under `property`. */
export interface ChildRead {
  property: 'settings' | 'definitionValues';
  /** Relative to the policy: `{graph_resource}/{id}/{path}`. */
  path: string;
}

export interface CollectionRead {
  graph_resource: string;
  api_version: GraphApiVersion;
  /** The selected types this collection serves, in registry order. */
  policy_types: PolicyTypeName[];
  /** The `$expand` query value, or null. */
  expand: string | null;
  children: ChildRead[];
}

const complianceExpand = 'assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)';

const childReads: Record<string, ChildRead[]> = {
  'deviceManagement/configurationPolicies': [{ property: 'settings', path: 'settings' }],
  'deviceManagement/groupPolicyConfigurations': [{ property: 'definitionValues', path: 'definitionValues?$expand=definition' }],
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
    const expand =
      entry.graph_resource === 'deviceManagement/deviceCompliancePolicies' ? complianceExpand : entry.dependencies ? 'assignments' : null;
    reads.set(entry.graph_resource, {
      graph_resource: entry.graph_resource,
      api_version: entry.api_version,
      policy_types: [entry.type],
      expand,
      children: childReads[entry.graph_resource] ?? [],
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
