// Retries a run went through (throttling, transient server errors, network failures), kept in the run's
// context under `graph_retries`, so its viewer shows that a slow or late run was throttled rather than
// leaving that only in the logs. A retry that ended in success leaves no failure, only this trace.

export interface RunRetries {
  /** Retries in all (attempts beyond the first of each request). */
  count: number;
  /** Retries by HTTP status that caused them ('429', '503', …; 'network' for no answer at all). */
  by_cause: Record<string, number>;
  /** Total time spent waiting between attempts, in seconds. */
  waited_seconds: number;
}

export const RUN_RETRIES_CONTEXT_KEY = 'graph_retries';

export function addRetry(retries: RunRetries | null, retry: { status: number | null; wait_ms: number }): RunRetries {
  const cause = retry.status === null ? 'network' : String(retry.status);
  const current = retries ?? { count: 0, by_cause: {}, waited_seconds: 0 };
  return {
    count: current.count + 1,
    by_cause: { ...current.by_cause, [cause]: (current.by_cause[cause] ?? 0) + 1 },
    waited_seconds: Math.round((current.waited_seconds + retry.wait_ms / 1000) * 1000) / 1000,
  };
}

/** Reads the trace back from a stored context; anything malformed reads as "no retries recorded". */
export function retriesFromContext(context: unknown): RunRetries | null {
  const value = (context as Record<string, unknown> | null)?.[RUN_RETRIES_CONTEXT_KEY] as Partial<RunRetries> | undefined;
  if (!value || typeof value.count !== 'number' || value.count < 1 || typeof value.by_cause !== 'object' || value.by_cause === null) return null;
  const by_cause = Object.fromEntries(Object.entries(value.by_cause).filter(([, n]) => typeof n === 'number' && Number.isFinite(n))) as Record<string, number>;
  return { count: value.count, by_cause, waited_seconds: typeof value.waited_seconds === 'number' ? value.waited_seconds : 0 };
}
