import type { FindingSeverity } from '../drift/severity';
import { runTypeLabel } from '../operations/run-types';
import type { OpenBySeverity } from './open-by-severity';

// SPEC §3 "Needs attention": open high and critical findings, a drift scan or inventory sync that failed in
// the last 7 days, and stale drift. Each item links to where it is dealt with; the links are the caller's
// (the console's paths), so this rule stays free of URLs.

export const needsAttentionKinds = ['open_findings', 'failed_run', 'stale_drift'] as const;
export type NeedsAttentionKind = (typeof needsAttentionKinds)[number];

/** The run types whose recent failure needs attention. */
export const attentionRunTypes = ['drift.scan', 'inventory.sync'] as const;

export interface NeedsAttentionItem {
  kind: NeedsAttentionKind;
  title: string;
  count: number;
  href: string;
}

export interface FailedRunFacts {
  type: string;
  /** Failed runs of this type completed in the window. */
  count: number;
  /** The newest of them: the link opens it. */
  newest_run_id: number;
}

export interface NeedsAttentionLinks {
  findings(filter: { status: 'open'; severity: FindingSeverity }): string;
  run(runId: number): string;
  startScan(): string;
}

const attentionSeverities = ['critical', 'high'] as const satisfies readonly FindingSeverity[];

export function needsAttention(
  facts: { openBySeverity: OpenBySeverity; failedRuns: readonly FailedRunFacts[]; stale: boolean; everScanned: boolean },
  links: NeedsAttentionLinks,
): NeedsAttentionItem[] {
  const items: NeedsAttentionItem[] = [];
  for (const severity of attentionSeverities) {
    const count = facts.openBySeverity[severity];
    if (count > 0) items.push({ kind: 'open_findings', title: `${count} open ${severity} ${count === 1 ? 'finding' : 'findings'}`, count, href: links.findings({ status: 'open', severity }) });
  }
  for (const failed of facts.failedRuns) {
    if (failed.count <= 0) continue;
    const label = runTypeLabel(failed.type);
    const title = failed.count === 1 ? `${label} failed in the last 7 days` : `${label} failed ${failed.count} times in the last 7 days`;
    items.push({ kind: 'failed_run', title, count: failed.count, href: links.run(failed.newest_run_id) });
  }
  if (facts.stale) {
    const title = facts.everScanned ? 'Drift is stale: no scan completed in the last 7 days' : 'Drift has never been scanned';
    items.push({ kind: 'stale_drift', title, count: 1, href: links.startScan() });
  }
  return items;
}
