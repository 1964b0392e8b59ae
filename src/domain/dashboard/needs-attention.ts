import type { DriftFreshness } from '../drift/drift-freshness';
import type { FindingSeverity } from '../drift/severity';
import { runTypeLabel } from '../operations/run-types';
import type { OpenBySeverity } from './open-by-severity';

// SPEC §3 "Needs attention": open high and critical findings, runs that went wrong in the last 7 days, and
// drift that needs a scan. Every run that failed or was partial in the window counts, whatever its type
// (a failed provider verification too) — the same runs as `failed_or_partial_7d`, so the dashboard's count
// and its list agree (issue 20). Each item links to where it is dealt with; the links are the caller's (the
// console's paths), so this rule stays free of URLs.

export const needsAttentionKinds = ['open_findings', 'failed_run', 'partial_run', 'stale_drift'] as const;
export type NeedsAttentionKind = (typeof needsAttentionKinds)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
export const FAILED_RUN_WINDOW_DAYS = 7;
/** The outcomes of a completed run that need attention (SPEC §3 `failed_or_partial_7d`). */
export const attentionOutcomes = ['failed', 'partial'] as const;

/** Runs that completed failed or partial at or after this instant are listed under "Needs attention". */
export function failedRunsSince(now: Date): Date {
  return new Date(now.getTime() - FAILED_RUN_WINDOW_DAYS * DAY_MS);
}

export interface NeedsAttentionItem {
  kind: NeedsAttentionKind;
  title: string;
  count: number;
  href: string;
}

export interface FailedRunFacts {
  type: string;
  outcome: string;
  /** Runs of this type and outcome completed in the window. */
  count: number;
  /** The newest of them: the link opens it. */
  newest_run_id: number;
}

export interface NeedsAttentionLinks {
  findings(filter: { status: 'open'; severity: FindingSeverity }): string;
  run(runId: number): string;
  startScan(): string;
}

export interface NeedsAttentionFacts {
  openBySeverity: OpenBySeverity;
  /** In the order they are listed (the caller's: newest first). */
  failedRuns: readonly FailedRunFacts[];
  freshness: DriftFreshness;
  /** The tenant's stored lifecycle value: only an active tenant is scanned, so only there is a missing scan a task. */
  lifecycle: string | null;
}

const attentionSeverities = ['critical', 'high'] as const satisfies readonly FindingSeverity[];

export function needsAttention(facts: NeedsAttentionFacts, links: NeedsAttentionLinks): NeedsAttentionItem[] {
  const items: NeedsAttentionItem[] = [];
  for (const severity of attentionSeverities) {
    const count = facts.openBySeverity[severity];
    if (count > 0) items.push({ kind: 'open_findings', title: `${count} open ${severity} ${count === 1 ? 'finding' : 'findings'}`, count, href: links.findings({ status: 'open', severity }) });
  }
  for (const run of facts.failedRuns) {
    if (run.count <= 0 || !(attentionOutcomes as readonly string[]).includes(run.outcome)) continue;
    items.push({ kind: run.outcome === 'partial' ? 'partial_run' : 'failed_run', title: runTitle(run), count: run.count, href: links.run(run.newest_run_id) });
  }
  if (facts.lifecycle === 'active' && (facts.freshness === 'stale' || facts.freshness === 'never_scanned')) {
    const title = facts.freshness === 'never_scanned' ? 'Drift has never been scanned' : 'Drift is stale: no scan completed in the last 7 days';
    items.push({ kind: 'stale_drift', title, count: 1, href: links.startScan() });
  }
  return items;
}

function runTitle(run: FailedRunFacts): string {
  const label = runTypeLabel(run.type);
  if (run.outcome === 'partial') return run.count === 1 ? `${label} was partial in the last 7 days` : `${label} was partial ${run.count} times in the last 7 days`;
  return run.count === 1 ? `${label} failed in the last 7 days` : `${label} failed ${run.count} times in the last 7 days`;
}
