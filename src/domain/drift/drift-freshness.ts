// How current a tenant's drift is — the one definition every surface reads (the dashboard's drift card and
// "Needs attention", the portfolio's column and filter). Issue 20: the surfaces each decided it and disagreed.
//
// SPEC §3 counts a completed drift scan that succeeded or was partial as the last scan (`drift.last_scan_at`),
// and `drift.stale` is "last_scan_at is null or older than 7 days". Within that, a partial scan compared only
// some policy types, so it is never called fresh: it is "partly scanned" (docs/DECISIONS.md).
const DAY_MS = 24 * 60 * 60 * 1000;
export const DRIFT_STALE_AFTER_DAYS = 7;

export const driftFreshnessStates = ['fresh', 'partial', 'stale', 'never_scanned'] as const;
export type DriftFreshness = (typeof driftFreshnessStates)[number];

/** The newest completed drift scan that succeeded or was partial (SPEC §3 `drift.last_scan_at`). */
export interface LastScanFacts {
  completed_at: Date;
  outcome: string;
}

/** Scans completed at or after this instant are recent enough. */
export function driftFreshSince(now: Date): Date {
  return new Date(now.getTime() - DRIFT_STALE_AFTER_DAYS * DAY_MS);
}

export function driftFreshness(lastScan: LastScanFacts | null, now: Date): DriftFreshness {
  if (lastScan === null) return 'never_scanned';
  if (lastScan.completed_at.getTime() < driftFreshSince(now).getTime()) return 'stale';
  return lastScan.outcome === 'succeeded' ? 'fresh' : 'partial';
}

/** SPEC §3 `drift.stale`: no scan, or the last one older than 7 days. */
export function isDriftStale(freshness: DriftFreshness): boolean {
  return freshness === 'stale' || freshness === 'never_scanned';
}

export interface DriftFreshnessPresentation {
  state: DriftFreshness;
  label: string;
  description: string;
}

const presentations: Record<DriftFreshness, Omit<DriftFreshnessPresentation, 'state'>> = {
  fresh: { label: 'Fresh', description: 'A drift scan of every policy type completed in the last 7 days.' },
  partial: {
    label: 'Partly scanned',
    description: 'The newest drift scan, in the last 7 days, was partial: some policy types were not compared, so their drift is not known.',
  },
  stale: { label: 'Stale', description: 'No drift scan completed in the last 7 days.' },
  never_scanned: { label: 'Never scanned', description: 'No drift scan has completed for this tenant yet.' },
};

export function presentDriftFreshness(state: DriftFreshness): DriftFreshnessPresentation {
  return { state, ...presentations[state] };
}
