// What an inventory.sync reads (SPEC §4 `policy_types`, §6 run identity): a set of registry types, all of them
// by default. The selection is sorted and deduplicated, so two starts naming the same types in any order (or
// naming every type, or none) are the same selection and share one active run.
import { isPolicyTypeName, policyTypes, type PolicyTypeName } from './policy-types';

export type SyncSelection = readonly PolicyTypeName[];

export type SelectionResult = { ok: true; policy_types: SyncSelection } | { ok: false; unknown: string[] };

export function resolveSyncSelection(requested: readonly string[] | undefined): SelectionResult {
  if (requested === undefined || requested.length === 0) return { ok: true, policy_types: allPolicyTypesSorted() };
  const unknown = [...new Set(requested.filter((type) => !isPolicyTypeName(type)))];
  if (unknown.length > 0) return { ok: false, unknown };
  return { ok: true, policy_types: [...new Set(requested as PolicyTypeName[])].sort() };
}

export function allPolicyTypesSorted(): SyncSelection {
  return policyTypes.map((entry) => entry.type).sort();
}
