import { describe, expect, it } from 'vitest';
import { backoffDelayMs, decideRetry, defaultRetryOptions, parseRetryAfterMs, type RetryOptions } from '../../src/graph';
import { formatDuration, retryWaitMs, type RetryHistory } from '../../src/graph/retry-policy';

const options = (overrides: Partial<RetryOptions> = {}): RetryOptions => ({ ...defaultRetryOptions, ...overrides });
const history = (overrides: Partial<RetryHistory> = {}): RetryHistory => ({ attempts: 1, throttled: 1, bounded: 0, immediate: 0, elapsedMs: 0, ...overrides });

describe('Retry-After', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('3')).toBe(3000);
    expect(parseRetryAfterMs(' 0 ')).toBe(0);
    expect(parseRetryAfterMs('1.5')).toBe(1500);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfterMs('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfterMs(null)).toBeNull();
    expect(parseRetryAfterMs('soon')).toBeNull();
    expect(parseRetryAfterMs('-5')).toBeNull();
  });

  it('is honoured for 429 and 503 only, and clamped for attempt-bounded requests (the token endpoint)', () => {
    const fixed = options({ random: () => 0.5, baseDelayMs: 100, maxRetryAfterMs: 60_000 });
    expect(retryWaitMs(1, 429, '4', fixed)).toBe(4000);
    expect(retryWaitMs(1, 503, '4', fixed)).toBe(4000);
    expect(retryWaitMs(1, 500, '4', fixed)).toBe(50);
    expect(retryWaitMs(1, null, null, fixed)).toBe(50);
    expect(retryWaitMs(1, 429, '86400', fixed)).toBe(60_000);
  });
});

describe('exponential backoff with full jitter', () => {
  it('doubles the ceiling per attempt up to maxDelayMs', () => {
    const top = options({ random: () => 0.999999, baseDelayMs: 100, maxDelayMs: 1000 });
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(attempt, top))).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('can wait anywhere from zero to the ceiling', () => {
    expect(backoffDelayMs(3, options({ random: () => 0 }))).toBe(0);
  });
});

describe('throttling is retried until the time budget, not a number of attempts', () => {
  const budget = options({ retryBudgetMs: 600_000, maxAttempts: 4, random: () => 0.5, baseDelayMs: 1000, maxDelayMs: 30_000 });

  it('waits the Retry-After of a 429 or 503, also far beyond four attempts', () => {
    expect(decideRetry({ status: 429, retryAfter: '30' }, history({ attempts: 12, throttled: 12 }), budget, true)).toEqual({
      retry: true,
      waitMs: 30_000,
      kind: 'throttled',
      immediate: false,
    });
    expect(decideRetry({ status: 503, retryAfter: '5' }, history({ attempts: 40, throttled: 40, elapsedMs: 200_000 }), budget, true)).toMatchObject({
      retry: true,
      waitMs: 5000,
    });
  });

  it('reads an HTTP-date Retry-After against the injected clock', () => {
    const at = Date.parse('2025-01-01T00:00:00Z');
    const clocked = options({ ...budget, now: () => at });
    expect(decideRetry({ status: 429, retryAfter: 'Wed, 01 Jan 2025 00:00:20 GMT' }, history(), clocked, true)).toMatchObject({ waitMs: 20_000 });
  });

  it('backs off exponentially with jitter when Graph sends no Retry-After (Conditional Access, Intune)', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7].map((throttled) => decideRetry({ status: 429, retryAfter: null }, history({ throttled }), budget, true));
    expect(waits.map((decision) => (decision.retry ? decision.waitMs : null))).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
  });

  it('gives up when the next wait would end past the budget, and says which wait', () => {
    expect(decideRetry({ status: 429, retryAfter: '30' }, history({ elapsedMs: 570_000 }), budget, true)).toMatchObject({ retry: true });
    expect(decideRetry({ status: 429, retryAfter: '30' }, history({ elapsedMs: 570_001 }), budget, true)).toEqual({
      retry: false,
      reason: 'budget',
      waitMs: 30_000,
    });
    // A Retry-After longer than the whole budget is not waited for at all.
    expect(decideRetry({ status: 503, retryAfter: '3600' }, history(), budget, true)).toMatchObject({ retry: false, reason: 'budget', waitMs: 3_600_000 });
  });

  it('keeps other 5xx, timeouts and network failures bounded by attempts (SPEC §7)', () => {
    expect(decideRetry({ status: 500, retryAfter: null }, history({ throttled: 0, bounded: 3 }), budget, true)).toMatchObject({ retry: true, kind: 'bounded' });
    expect(decideRetry({ status: 500, retryAfter: null }, history({ throttled: 0, bounded: 4 }), budget, true)).toEqual({
      retry: false,
      reason: 'attempts',
      waitMs: null,
    });
    expect(decideRetry({ status: null, retryAfter: null }, history({ throttled: 0, bounded: 4 }), budget, true)).toMatchObject({ reason: 'attempts' });
    expect(decideRetry({ status: 502, retryAfter: '1' }, history({ throttled: 9, bounded: 1 }), budget, true)).toMatchObject({ retry: true, kind: 'bounded' });
  });

  it('bounds everything by attempts for the token endpoint', () => {
    expect(decideRetry({ status: 429, retryAfter: '1' }, history({ throttled: 0, bounded: 3 }), budget, false)).toMatchObject({ retry: true, waitMs: 1000 });
    expect(decideRetry({ status: 429, retryAfter: '1' }, history({ throttled: 0, bounded: 4 }), budget, false)).toMatchObject({ retry: false, reason: 'attempts' });
  });

  it('never retries other answers', () => {
    for (const status of [200, 400, 401, 403, 404]) {
      expect(decideRetry({ status, retryAfter: '1' }, history(), budget, true)).toMatchObject({ retry: false, reason: 'not_retryable' });
    }
  });

  it('stops a server that keeps answering Retry-After: 0 after 20 immediate retries in a row', () => {
    expect(decideRetry({ status: 429, retryAfter: '0' }, history({ throttled: 20, immediate: 19 }), budget, true)).toMatchObject({ retry: true, waitMs: 0, immediate: true });
    expect(decideRetry({ status: 429, retryAfter: '0' }, history({ throttled: 21, immediate: 20 }), budget, true)).toMatchObject({ retry: false, reason: 'attempts' });
    // Real waits never count: 300 retries of Retry-After 1 s fit the budget.
    expect(decideRetry({ status: 429, retryAfter: '1' }, history({ throttled: 300, immediate: 0, elapsedMs: 300_000 }), budget, true)).toMatchObject({ retry: true });
  });

  it('names durations for people', () => {
    expect([0, 4_400, 59_600, 60_000, 598_000, 600_000].map(formatDuration)).toEqual(['0 s', '4 s', '1 min', '1 min', '9 min 58 s', '10 min']);
  });
});
