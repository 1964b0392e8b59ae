// The tabs of the operations index (SPEC §3) and which runs each one holds.
export const runTabs = ['all', 'active', 'succeeded', 'partial', 'failed'] as const;
export type RunTab = (typeof runTabs)[number];

export type RunTabFilter =
  | { kind: 'all' }
  | { kind: 'active' }
  | { kind: 'completed_with_outcome'; outcome: 'succeeded' | 'partial' | 'failed' };

export function runTabFilter(tab: RunTab): RunTabFilter {
  switch (tab) {
    case 'all':
      return { kind: 'all' };
    case 'active':
      return { kind: 'active' };
    default:
      return { kind: 'completed_with_outcome', outcome: tab };
  }
}

export type RunTabCounts = Record<RunTab, number>;

/** Tab counts from per-(status, outcome) tallies: active = queued + running; the rest are completed runs. */
export function tabCountsFromTallies(tallies: readonly { status: string; outcome: string; run_count: number }[]): RunTabCounts {
  const counts: RunTabCounts = { all: 0, active: 0, succeeded: 0, partial: 0, failed: 0 };
  for (const { status, outcome, run_count } of tallies) {
    counts.all += run_count;
    if (status === 'queued' || status === 'running') counts.active += run_count;
    if (status === 'completed' && (outcome === 'succeeded' || outcome === 'partial' || outcome === 'failed')) {
      counts[outcome] += run_count;
    }
  }
  return counts;
}
