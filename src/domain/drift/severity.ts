// SPEC §7: a finding's severity follows its policy type's risk; a missing policy is one step higher.
import type { RiskLevel } from '../inventory/policy-types';

export const findingSeverities = ['critical', 'high', 'medium', 'low'] as const;
export type FindingSeverity = (typeof findingSeverities)[number];

export const findingKinds = ['missing_policy', 'unexpected_policy', 'changed_policy'] as const;
export type FindingKind = (typeof findingKinds)[number];

const byRisk: Record<RiskLevel, FindingSeverity> = { high: 'high', 'medium-high': 'medium', medium: 'medium', low: 'low' };
const oneStepHigher: Record<FindingSeverity, FindingSeverity> = { critical: 'critical', high: 'critical', medium: 'high', low: 'medium' };

export function findingSeverity(kind: FindingKind, risk: RiskLevel): FindingSeverity {
  const severity = byRisk[risk];
  return kind === 'missing_policy' ? oneStepHigher[severity] : severity;
}

