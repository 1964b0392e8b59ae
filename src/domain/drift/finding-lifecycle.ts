// SPEC §1 finding status and closed_reason, and how a scan moves them. A scan only speaks for the policy types
// it compared: a finding of a type it could not compare (its last sync failed) is left exactly as it was.
import type { FindingKind, FindingSeverity } from './severity';

export const findingStatuses = ['open', 'closed'] as const;
export type FindingStatus = (typeof findingStatuses)[number];
/** `resolved` is set by a scan; the others by a person closing the finding. */
export const closedReasons = ['resolved', 'risk_accepted', 'false_positive'] as const;
export type ClosedReason = (typeof closedReasons)[number];
export const manualClosedReasons = ['risk_accepted', 'false_positive'] as const;
export type ManualClosedReason = (typeof manualClosedReasons)[number];

/** What a scan saw: one finding's worth of drift. */
export interface DetectedDrift {
  fingerprint: string;
  kind: FindingKind;
  severity: FindingSeverity;
  policy_type: string;
  external_id: string;
  display_name: string | null;
  evidence: Record<string, unknown>;
}

/** What the scan needs to know of a stored finding. */
export interface KnownFinding {
  id: number;
  fingerprint: string;
  policy_type: string | null;
  status: string;
  closed_reason: string | null;
}

export interface FindingPlan {
  /** Drift seen for the first time. */
  create: DetectedDrift[];
  /** Open findings seen again: last_seen_at and evidence refreshed. */
  stillOpen: Array<{ id: number; drift: DetectedDrift }>;
  /** Findings the scan resolved earlier, whose drift is back: they reopen. */
  reopen: Array<{ id: number; drift: DetectedDrift }>;
  /** Findings a person closed (risk accepted, false positive): they stay closed; only last_seen_at moves. */
  stillClosed: Array<{ id: number; drift: DetectedDrift }>;
  /** Open findings of a compared type whose drift is gone: closed as resolved. */
  resolve: number[];
}

/**
 * Plans a scan's changes to the findings. `known` holds the stored findings whose fingerprint was detected and
 * every open finding of the tenant; `comparedTypes` the policy types the scan compared.
 */
export function planFindingChanges(detected: readonly DetectedDrift[], known: readonly KnownFinding[], comparedTypes: ReadonlySet<string>): FindingPlan {
  const byFingerprint = new Map(known.map((finding) => [finding.fingerprint, finding]));
  const plan: FindingPlan = { create: [], stillOpen: [], reopen: [], stillClosed: [], resolve: [] };
  const seen = new Set<string>();
  for (const drift of detected) {
    seen.add(drift.fingerprint);
    const existing = byFingerprint.get(drift.fingerprint);
    if (!existing) plan.create.push(drift);
    else if (existing.status === 'open') plan.stillOpen.push({ id: existing.id, drift });
    else if (existing.closed_reason === 'resolved') plan.reopen.push({ id: existing.id, drift });
    else plan.stillClosed.push({ id: existing.id, drift });
  }
  for (const finding of known) {
    if (finding.status !== 'open' || seen.has(finding.fingerprint)) continue;
    if (finding.policy_type !== null && comparedTypes.has(finding.policy_type)) plan.resolve.push(finding.id);
  }
  return plan;
}

/** The text a finding's fingerprint is the hash of (SPEC: tenant, kind, type, external id, changed paths). */
export function fingerprintSource(tenantId: number, kind: FindingKind, policyType: string, externalId: string, changedPaths: readonly string[] = []): string {
  return JSON.stringify([tenantId, kind, policyType, externalId, [...changedPaths].sort()]);
}

export const triageActions = ['acknowledge', 'close', 'reopen'] as const;
export type TriageAction = (typeof triageActions)[number];

/** SPEC §5: acknowledging is for operators and up, closing and reopening for managers and up. */
export const triageCapability = { acknowledge: 'acknowledge_findings', close: 'close_findings', reopen: 'close_findings' } as const satisfies Record<TriageAction, string>;
export const triageLabels: Record<TriageAction, string> = { acknowledge: 'Acknowledge', close: 'Close', reopen: 'Reopen' };

/** Why a finding in this state cannot take this action (a 409's message), or null when it can. */
export function triageRefusal(action: TriageAction, finding: { status: string; acknowledged_at: Date | string | null }): string | null {
  if (action === 'acknowledge') {
    if (finding.status !== 'open') return 'Only an open finding can be acknowledged; this one is closed.';
    if (finding.acknowledged_at !== null) return 'This finding is already acknowledged.';
    return null;
  }
  if (action === 'close') return finding.status === 'open' ? null : 'This finding is already closed.';
  return finding.status === 'closed' ? null : 'Only a closed finding can be reopened; this one is open.';
}
