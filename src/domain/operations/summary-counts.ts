// summary_counts holds numeric values of known keys only (SPEC §6): whatever a handler or a raw row put
// there, only these keys with finite, non-negative numbers leave the ledger.
// 'unchanged' is an inventory sync's count of items read and found as stored (its re-syncs write nothing).
export const summaryCountKeys = ['total', 'processed', 'succeeded', 'failed', 'skipped', 'created', 'updated', 'unchanged', 'removed'] as const;
export type SummaryCountKey = (typeof summaryCountKeys)[number];
export type SummaryCounts = Partial<Record<SummaryCountKey, number>>;

export function sanitizeSummaryCounts(input: unknown): SummaryCounts {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return {};
  const source = input as Record<string, unknown>;
  const counts: SummaryCounts = {};
  for (const key of summaryCountKeys) {
    const value = source[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) counts[key] = value;
  }
  return counts;
}

/** Later progress overrides earlier values key by key; keys not mentioned keep their value. */
export function mergeSummaryCounts(current: unknown, update: unknown): SummaryCounts {
  return { ...sanitizeSummaryCounts(current), ...sanitizeSummaryCounts(update) };
}
