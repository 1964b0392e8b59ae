import type { FindingKind } from './severity';

/** The words every surface uses for a finding's kind (API, dashboard, findings page). */
export const findingKindLabels: Record<FindingKind, string> = {
  missing_policy: 'Missing policy',
  unexpected_policy: 'Unexpected policy',
  changed_policy: 'Changed policy',
};

export function findingKindLabel(kind: string): string {
  return findingKindLabels[kind as FindingKind] ?? `Unknown kind (${kind})`;
}
