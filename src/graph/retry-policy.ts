// When to retry a Graph or token request and how long to wait first (SPEC §7, §13).
//
// Two kinds of failure, two kinds of limit:
// - 429 and 503 are the service saying "not now". Graph's guidance is to wait the Retry-After it sends and "continue
//   to use the recommended Retry-After delay and retry the request until it succeeds"; when it sends none, "implement
//   an exponential backoff retry policy" (learn.microsoft.com/graph/throttling, "Best practices to handle
//   throttling"). Conditional Access and Intune answer 429 without Retry-After (issue 19). So these are retried until a
//   per-request *time* budget (default 10 minutes) is spent, not a fixed number of times: a wait that would end past
//   the budget is not started, and the request fails naming the time it spent.
// - Other 5xx, timeouts and network failures are bounded by attempts (SPEC §7 "5xx retries are bounded"): a server
//   that keeps failing is not going to be fixed by waiting 10 minutes.
// The token endpoint (Entra ID, not Graph) keeps the attempt bound for everything: a sign-in that is throttled for
// minutes is better reported than waited for inside every run (`budgeted: false`).
// Backoff is exponential with full jitter so that many workers throttled at once do not retry in lockstep.

/** Waits `ms`; rejects with the signal's reason when it is aborted first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
/** Returns a number in [0, 1), like Math.random. */
export type RandomSource = () => number;
/** Milliseconds since some fixed point, like Date.now. */
export type Clock = () => number;

export interface RetryOptions {
  /** Attempts per request for the bounded failures (other 5xx, timeout, network), the first one included. */
  maxAttempts: number;
  /** Time budget of one request while it is throttled (429) or the service is unavailable (503). */
  retryBudgetMs: number;
  /**
   * A guard for a server that answers 429/503 with `Retry-After: 0` at once, again and again: without it such a
   * request would be sent thousands of times inside the budget. Consecutive retries told to wait 0 s; Graph's real
   * Retry-After values (seconds) and the backoff without one never count.
   */
  maxImmediateRetries: number;
  /** Backoff ceiling of the first retry; doubles on each further retry. */
  baseDelayMs: number;
  /** Upper bound of the exponential backoff ceiling. */
  maxDelayMs: number;
  /** Attempt-bounded requests only (the token endpoint): a longer Retry-After is clamped to this. */
  maxRetryAfterMs: number;
  sleep: Sleep;
  random: RandomSource;
  now: Clock;
  /** Told about every retry before its wait, so a run can show that it was throttled (not only the logs). */
  onRetry: (retry: GraphRetry) => void;
}

/** One retry of a Graph or token request: why (HTTP status, or null for a network failure) and the wait. */
export interface GraphRetry {
  path: string;
  status: number | null;
  attempt: number;
  wait_ms: number;
}

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export const defaultRetryBudgetMs = 10 * 60_000;

export const defaultRetryOptions: RetryOptions = Object.freeze({
  maxAttempts: 4,
  retryBudgetMs: defaultRetryBudgetMs,
  maxImmediateRetries: 20,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 300_000,
  sleep: realSleep,
  random: Math.random,
  now: Date.now,
  onRetry: () => {},
});

export function resolveRetryOptions(overrides: Partial<RetryOptions> = {}): RetryOptions {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const options: RetryOptions = { ...defaultRetryOptions, ...defined };
  if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1) {
    throw new RangeError('maxAttempts must be a positive integer');
  }
  if (!Number.isFinite(options.retryBudgetMs) || options.retryBudgetMs < 0) {
    throw new RangeError('retryBudgetMs must be a non-negative number of milliseconds');
  }
  return options;
}

/** Full-jitter exponential backoff after the `failedAttempt`-th failure of its kind (1-based). */
export function backoffDelayMs(failedAttempt: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.floor(options.random() * ceiling);
}

/** Retry-After as milliseconds: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // HTTP dates always name a weekday or month; without letters Date.parse would accept odd values like "-5".
  if (!/[a-z]{3}/i.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Only 429 and 503 promise anything with Retry-After; on other statuses it is ignored. */
export function honoursRetryAfter(status: number): boolean {
  return status === 429 || status === 503;
}

/** Wait before retrying an attempt-bounded request: Retry-After (clamped) on 429/503, else backoff. */
export function retryWaitMs(
  failedAttempt: number,
  status: number | null,
  retryAfterHeader: string | null,
  options: RetryOptions,
): number {
  if (status !== null && honoursRetryAfter(status)) {
    const retryAfter = parseRetryAfterMs(retryAfterHeader, options.now());
    if (retryAfter !== null) return Math.min(retryAfter, options.maxRetryAfterMs);
  }
  return backoffDelayMs(failedAttempt, options);
}

/** What one request has been through so far. */
export interface RetryHistory {
  /** Attempts made, the one just failed included. */
  attempts: number;
  /** 429/503 answers among them (budgeted requests only). */
  throttled: number;
  /** Other retryable failures among them (every retryable failure of an attempt-bounded request). */
  bounded: number;
  /** Consecutive retries before this one that Retry-After told to wait 0 s. */
  immediate: number;
  /** Time since the request began. */
  elapsedMs: number;
}

/** The failure just seen: an HTTP status (null when no response arrived) and its Retry-After header. */
export interface FailedAttempt {
  status: number | null;
  retryAfter: string | null;
}

export type RetryDecision =
  | {
      retry: true;
      waitMs: number;
      kind: 'throttled' | 'bounded';
      /** The service asked for this retry at once (Retry-After: 0). */
      immediate: boolean;
    }
  | {
      retry: false;
      /** `budget`: the next wait would pass the time budget; `attempts`: the attempt bound is reached. */
      reason: 'not_retryable' | 'attempts' | 'budget';
      /** The wait that was not started (budget only). */
      waitMs: number | null;
    };

/**
 * Whether to retry after a failed attempt and how long to wait. Pure: the history counts the failure just seen.
 * `budgeted` requests (Graph) retry 429/503 until the time budget; others (the token endpoint) only by attempts.
 */
export function decideRetry(failed: FailedAttempt, history: RetryHistory, options: RetryOptions, budgeted: boolean): RetryDecision {
  const { status } = failed;
  if (status !== null && !isRetryableStatus(status)) return { retry: false, reason: 'not_retryable', waitMs: null };
  if (budgeted && status !== null && honoursRetryAfter(status)) {
    const retryAfter = parseRetryAfterMs(failed.retryAfter, options.now());
    const waitMs = retryAfter ?? backoffDelayMs(history.throttled, options);
    if (history.elapsedMs + waitMs > options.retryBudgetMs) return { retry: false, reason: 'budget', waitMs };
    const immediate = retryAfter === 0;
    if (immediate && history.immediate >= options.maxImmediateRetries) return { retry: false, reason: 'attempts', waitMs: null };
    return { retry: true, waitMs, kind: 'throttled', immediate };
  }
  if (history.bounded >= options.maxAttempts) return { retry: false, reason: 'attempts', waitMs: null };
  return { retry: true, waitMs: retryWaitMs(history.bounded, status, failed.retryAfter, options), kind: 'bounded', immediate: false };
}

/** "45 s", "9 min 58 s": how long a request was retried, for messages. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
