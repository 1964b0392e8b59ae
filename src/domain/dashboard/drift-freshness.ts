// SPEC §3: drift is stale when the newest completed scan (succeeded or partial) is older than 7 days, or when
// no scan ever completed. The dashboard and the portfolio both decide it here.
const DAY_MS = 24 * 60 * 60 * 1000;
export const DRIFT_STALE_AFTER_DAYS = 7;
/** The run types whose failure in this window is something that "needs attention". */
export const FAILED_RUN_WINDOW_DAYS = 7;

/** Scans completed at or after this instant keep drift fresh. */
export function driftFreshSince(now: Date): Date {
  return new Date(now.getTime() - DRIFT_STALE_AFTER_DAYS * DAY_MS);
}

export function isDriftStale(lastScanAt: Date | null, now: Date): boolean {
  return lastScanAt === null || lastScanAt.getTime() < driftFreshSince(now).getTime();
}

/** Runs that failed at or after this instant are listed under "Needs attention". */
export function failedRunsSince(now: Date): Date {
  return new Date(now.getTime() - FAILED_RUN_WINDOW_DAYS * DAY_MS);
}
