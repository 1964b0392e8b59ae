// How long to wait before retrying a Graph or token request (SPEC §7). 429 and 503 answers carry a
// Retry-After the service expects us to honour; everything else retryable backs off exponentially with
// full jitter so that many workers throttled at once do not retry in lockstep.

export type Sleep = (ms: number) => Promise<void>;
/** Returns a number in [0, 1), like Math.random. */
export type RandomSource = () => number;

export interface RetryOptions {
  /** Total HTTP attempts per request, the first one included. */
  maxAttempts: number;
  /** Backoff ceiling of the first retry; doubles on each further retry. */
  baseDelayMs: number;
  /** Upper bound of the exponential backoff ceiling. */
  maxDelayMs: number;
  /** A Retry-After above this is clamped, so a misbehaving server cannot park a worker for hours. */
  maxRetryAfterMs: number;
  sleep: Sleep;
  random: RandomSource;
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

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const defaultRetryOptions: RetryOptions = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 300_000,
  sleep: realSleep,
  random: Math.random,
  onRetry: () => {},
});

export function resolveRetryOptions(overrides: Partial<RetryOptions> = {}): RetryOptions {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const options: RetryOptions = { ...defaultRetryOptions, ...defined };
  if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1) {
    throw new RangeError('maxAttempts must be a positive integer');
  }
  return options;
}

/** Full-jitter exponential backoff after the `failedAttempt`-th attempt (1-based). */
export function backoffDelayMs(failedAttempt: number, options: RetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.floor(options.random() * ceiling);
}

/** Retry-After as milliseconds: delay-seconds or an HTTP-date; null when absent or unreadable. */
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

export function retryWaitMs(
  failedAttempt: number,
  status: number | null,
  retryAfterHeader: string | null,
  options: RetryOptions,
): number {
  if (status !== null && honoursRetryAfter(status)) {
    const retryAfter = parseRetryAfterMs(retryAfterHeader);
    if (retryAfter !== null) return Math.min(retryAfter, options.maxRetryAfterMs);
  }
  return backoffDelayMs(failedAttempt, options);
}
