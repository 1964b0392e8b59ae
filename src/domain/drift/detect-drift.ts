// SPEC §7 / §1: which policies drifted between the baseline and the latest inventory, and the findings' drafts.
// Content hashes decide first (equal hash, equal normalized content: no finding, nothing loaded); only policies
// whose hashes differ are compared setting by setting, and one whose normalized contents turn out equal (its
// hash was computed by an older normalization) is no drift either.
import { findPolicyType, type NormalizedValue } from '../inventory';
import { comparePolicies, type PolicyChange } from './compare-policy';
import { fingerprintSource, type DetectedDrift } from './finding-lifecycle';
import { findingSeverity, type FindingKind } from './severity';

/** One policy on one side of the comparison, by its hash. */
export interface PolicyHash {
  policy_type: string;
  external_id: string;
  display_name: string | null;
  content_hash: string | null;
}

export interface DriftCandidates {
  missing: PolicyHash[];
  unexpected: PolicyHash[];
  /** Present on both sides with different hashes: compare their contents. */
  changed: Array<{ baseline: PolicyHash; current: PolicyHash }>;
}

/** A policy's identity across the baseline, the inventory and the scan: its type and external id. */
export const policyKey = (policy: Pick<PolicyHash, 'policy_type' | 'external_id'>): string => `${policy.policy_type}\u0000${policy.external_id}`;

/** Splits the compared types' policies into missing, unexpected and possibly changed ones. */
export function driftCandidates(baseline: readonly PolicyHash[], current: readonly PolicyHash[], comparedTypes: ReadonlySet<string>): DriftCandidates {
  const inScope = (policy: PolicyHash) => comparedTypes.has(policy.policy_type);
  const currentByKey = new Map(current.filter(inScope).map((policy) => [policyKey(policy), policy]));
  const candidates: DriftCandidates = { missing: [], unexpected: [], changed: [] };
  const inBaseline = new Set<string>();
  for (const policy of baseline.filter(inScope)) {
    const key = policyKey(policy);
    inBaseline.add(key);
    const now = currentByKey.get(key);
    if (!now) candidates.missing.push(policy);
    else if (now.content_hash !== policy.content_hash) candidates.changed.push({ baseline: policy, current: now });
  }
  for (const [key, policy] of currentByKey) if (!inBaseline.has(key)) candidates.unexpected.push(policy);
  return candidates;
}

/** Evidence keeps at most this many changes (a policy rewritten wholesale says so rather than storing megabytes). */
export const MAX_EVIDENCE_CHANGES = 200;

/**
 * How a fingerprint's source text (fingerprintSource) becomes the stored fingerprint: a digest, supplied by the
 * caller so the domain stays free of I/O modules.
 */
export type FingerprintHash = (source: string) => string;

export function missingPolicyDrift(tenantId: number, policy: PolicyHash, hash: FingerprintHash): DetectedDrift {
  return draft(tenantId, 'missing_policy', policy, [], { baseline_content_hash: policy.content_hash }, hash);
}

export function unexpectedPolicyDrift(tenantId: number, policy: PolicyHash, hash: FingerprintHash): DetectedDrift {
  return draft(tenantId, 'unexpected_policy', policy, [], { current_content_hash: policy.content_hash }, hash);
}

/** The drift of a policy on both sides, or null when its normalized contents are equal. */
export function changedPolicyDrift(
  tenantId: number,
  pair: { baseline: PolicyHash; current: PolicyHash },
  baselineContent: { [key: string]: NormalizedValue },
  currentContent: { [key: string]: NormalizedValue },
  hash: FingerprintHash,
): DetectedDrift | null {
  const changes = comparePolicies(baselineContent, currentContent);
  if (changes.length === 0) return null;
  return draft(tenantId, 'changed_policy', pair.current, changes, {
    baseline_display_name: pair.baseline.display_name,
    baseline_content_hash: pair.baseline.content_hash,
    current_content_hash: pair.current.content_hash,
  }, hash);
}

function draft(tenantId: number, kind: FindingKind, policy: PolicyHash, changes: PolicyChange[], facts: Record<string, unknown>, hash: FingerprintHash): DetectedDrift {
  const risk = findPolicyType(policy.policy_type)?.risk ?? 'medium';
  const paths = changes.map((change) => change.path);
  return {
    fingerprint: hash(fingerprintSource(tenantId, kind, policy.policy_type, policy.external_id, paths)),
    kind,
    severity: findingSeverity(kind, risk),
    policy_type: policy.policy_type,
    external_id: policy.external_id,
    display_name: policy.display_name,
    evidence: {
      ...facts,
      ...(kind === 'changed_policy'
        ? { changes: changes.slice(0, MAX_EVIDENCE_CHANGES), changes_total: changes.length, changes_truncated: changes.length > MAX_EVIDENCE_CHANGES }
        : {}),
    },
  };
}
