// The time windows of the operations KPIs (SPEC §3), always relative to the request's `now`.
const DAY_MS = 24 * 60 * 60 * 1000;

export interface OperationsKpiWindows {
  /** total_runs_30d counts runs created at or after this instant. */
  createdSince: Date;
  /** failed_or_partial_7d and avg_duration_seconds_7d count runs completed at or after this instant. */
  completedSince: Date;
}

export function operationsKpiWindows(now: Date): OperationsKpiWindows {
  return {
    createdSince: new Date(now.getTime() - 30 * DAY_MS),
    completedSince: new Date(now.getTime() - 7 * DAY_MS),
  };
}

/** The UTC calendar day holding an instant, and the start of the next one — the seams of the daily tallies. */
export function utcDayOf(instant: Date): { day: string; nextDayStart: Date } {
  const start = Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
  return { day: new Date(start).toISOString().slice(0, 10), nextDayStart: new Date(start + DAY_MS) };
}

/** A mean in seconds, rounded to milliseconds so float noise never shows; null when there is nothing to average. */
export function meanSeconds(totalSeconds: number, count: number): number | null {
  if (count <= 0) return null;
  return Math.round((totalSeconds / count) * 1000) / 1000;
}

export function durationSeconds(startedAt: Date | null, completedAt: Date | null): number | null {
  if (!startedAt || !completedAt) return null;
  return Math.round(completedAt.getTime() - startedAt.getTime()) / 1000;
}
