import { describe, expect, it } from 'vitest';
import { backoffDelayMs, defaultRetryOptions, parseRetryAfterMs, type RetryOptions } from '../../src/graph';
import { retryWaitMs } from '../../src/graph/retry-policy';

const options = (overrides: Partial<RetryOptions> = {}): RetryOptions => ({ ...defaultRetryOptions, ...overrides });

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

  it('is honoured for 429 and 503 only, and clamped', () => {
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
