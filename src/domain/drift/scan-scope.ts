// What a baseline capture and a drift scan may use (issue 7). A scan compares only the policy types it can
// trust on both sides: in the baseline, and read successfully by their last sync. Every other type is a gap,
// recorded with its reason and shown on the run viewer — never "zero policies", which would be false drift.

export type GapReason = 'last_sync_failed' | 'never_synced' | 'not_in_baseline';

export interface ScanGap {
  policy_type: string;
  reason: GapReason;
  error_code: string | null;
}

export interface TypeSyncState {
  policy_type: string;
  last_status: string;
  last_error_code: string | null;
}

// A partial type was read: only some of its policies' own reads failed, and those keep their stored state.
export function typeWasRead(lastStatus: string): boolean {
  return lastStatus === 'succeeded' || lastStatus === 'partial';
}

export function scanScope(baselineTypes: readonly string[], states: readonly TypeSyncState[]): { compared: string[]; gaps: ScanGap[] } {
  const stateOf = new Map(states.map((state) => [state.policy_type, state]));
  const compared: string[] = [];
  const gaps: ScanGap[] = [];
  for (const type of [...baselineTypes].sort()) {
    const state = stateOf.get(type);
    if (!state) gaps.push({ policy_type: type, reason: 'never_synced', error_code: null });
    else if (!typeWasRead(state.last_status)) gaps.push({ policy_type: type, reason: 'last_sync_failed', error_code: state.last_error_code });
    else compared.push(type);
  }
  const inBaseline = new Set(baselineTypes);
  for (const state of states) {
    if (!inBaseline.has(state.policy_type) && typeWasRead(state.last_status)) gaps.push({ policy_type: state.policy_type, reason: 'not_in_baseline', error_code: null });
  }
  return { compared, gaps };
}

/** Why a tenant cannot capture a baseline now (a tenant whose latest sync failed cannot), or null. */
export function captureRefusal(latestSyncStatus: string | null): { code: string; message: string } | null {
  if (latestSyncStatus === null) return { code: 'baseline.no_sync', message: 'This tenant has no finished inventory sync yet: sync it, then capture a baseline.' };
  if (latestSyncStatus === 'failed') {
    return { code: 'baseline.latest_sync_failed', message: "The tenant's latest inventory sync failed, so a baseline would not reflect the tenant. Sync again, then capture." };
  }
  return null;
}
