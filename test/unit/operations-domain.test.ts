import { describe, expect, it } from 'vitest';
import {
  decideOutcome,
  durationSeconds,
  meanSeconds,
  operationsKpiWindows,
  presentRunOutcome,
  presentRunStatus,
  runTypeLabel,
  sanitizeFailureSummary,
  sanitizeSummaryCounts,
  scrubFailureMessage,
  startRefusal,
  tabCountsFromTallies,
  utcDayOf,
} from '../../src/domain/operations';
import { decodeCreatedAtCursor as decodeRunCursor, encodeCreatedAtCursor as encodeRunCursor } from '../../src/http/cursors/created-at-cursor';

describe('run types and presentation', () => {
  it('labels known types and shows unknown ones as such, never crashing', () => {
    expect(runTypeLabel('inventory.sync')).toBe('Inventory sync');
    expect(runTypeLabel('provider.verify')).toBe('Verify provider connection');
    expect(runTypeLabel('raw.value')).toBe('Unknown type (raw.value)');
  });

  it('presents status and outcome in their own vocabulary', () => {
    expect(presentRunStatus('running')).toEqual({ label: 'Running', color: 'info' });
    expect(presentRunOutcome('partial')).toEqual({ label: 'Partially succeeded', color: 'warning' });
    expect(presentRunOutcome('cancelled')).toEqual({ label: 'Cancelled', color: 'gray' });
    expect(presentRunStatus('RUNNING')).toEqual({ label: 'Unknown status (RUNNING)', color: 'danger' });
  });

  it('decides the outcome from the handler and the failures it recorded', () => {
    expect(decideOutcome(undefined, 0)).toBe('succeeded');
    expect(decideOutcome(undefined, 2)).toBe('partial');
    expect(decideOutcome('failed', 0)).toBe('failed');
  });

  it('refuses starts for every lifecycle but active, naming the state', () => {
    expect(startRefusal('active', 'drift.scan')).toBeNull();
    expect(startRefusal('draft', 'drift.scan')).toMatch(/^Drift scan cannot start: the tenant is Draft/);
    expect(startRefusal('archived', 'inventory.sync')).toContain('Archived');
    expect(startRefusal(' active', 'inventory.sync')).toContain('Invalid lifecycle');
    expect(startRefusal(null, 'inventory.sync')).toContain('Invalid lifecycle');
  });
});

describe('KPI windows', () => {
  it('reaches back 30 and 7 days from now', () => {
    const { createdSince, completedSince } = operationsKpiWindows(new Date('2026-03-15T12:00:00Z'));
    expect(createdSince.toISOString()).toBe('2026-02-13T12:00:00.000Z');
    expect(completedSince.toISOString()).toBe('2026-03-08T12:00:00.000Z');
  });

  it('finds the UTC day of an instant and the start of the next', () => {
    expect(utcDayOf(new Date('2026-03-08T23:59:59.999Z'))).toEqual({ day: '2026-03-08', nextDayStart: new Date('2026-03-09T00:00:00Z') });
  });

  it('averages to the millisecond and has no mean of nothing', () => {
    expect(meanSeconds(10, 3)).toBe(3.333);
    expect(meanSeconds(0, 0)).toBeNull();
    expect(durationSeconds(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:01:30.5Z'))).toBe(90.5);
    expect(durationSeconds(null, new Date())).toBeNull();
  });

  it('counts tabs from tallies', () => {
    const tallies = [
      { status: 'queued', outcome: 'pending', run_count: 2 },
      { status: 'running', outcome: 'pending', run_count: 1 },
      { status: 'completed', outcome: 'succeeded', run_count: 5 },
      { status: 'completed', outcome: 'cancelled', run_count: 1 },
      { status: 'completed', outcome: 'failed', run_count: 0 },
    ];
    expect(tabCountsFromTallies(tallies)).toEqual({ all: 9, active: 3, succeeded: 5, partial: 0, failed: 0 });
  });
});

describe('sanitizers', () => {
  it('keeps only non-negative numbers of the known summary keys', () => {
    expect(sanitizeSummaryCounts({ total: 3, processed: 2.5, failed: '1', skipped: -1, payload: 9, created: Infinity })).toEqual({ total: 3, processed: 2.5 });
    expect(sanitizeSummaryCounts([1, 2])).toEqual({});
    expect(sanitizeSummaryCounts(null)).toEqual({});
  });

  it('scrubs tokens, secrets, signed URLs and payloads out of failure messages', () => {
    const scrubbed = scrubFailureMessage(
      'Graph said {"error":{"message":"x"}} for https://graph.example/v1.0/items?sig=abc&se=2026 with Authorization: Bearer eyJ0eXAiOiJKV1Qi.eyJhdWQiOiJo.c2ln and client_secret=Zx8Q~abcdefghijklmnopqrstuvwxyz0123456789',
    );
    expect(scrubbed).not.toMatch(/eyJ0|Zx8Q|sig=abc|"message"/);
    expect(scrubbed).toContain('https://graph.example/v1.0/items?[redacted]');
    expect(scrubbed).toContain('client_secret=[redacted]');
  });

  it('keeps GUIDs and codes a person needs, cuts long opaque strings and caps the length', () => {
    expect(scrubFailureMessage('tenant 26b4d5eb-9236-4825-b860-ec564d288a2c (AADSTS7000215)')).toBe('tenant 26b4d5eb-9236-4825-b860-ec564d288a2c (AADSTS7000215)');
    expect(scrubFailureMessage('key a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6 leaked')).toBe('key [redacted] leaked');
    expect(scrubFailureMessage('x'.repeat(1000))).toHaveLength(500);
    expect(scrubFailureMessage('line one\nline two\u0000')).toBe('line one line two');
    expect(scrubFailureMessage('the secret is hunter22', { secrets: ['hunter22'] })).toBe('the secret is [redacted]');
  });

  it('turns any stored failure_summary into clean, merged entries', () => {
    expect(
      sanitizeFailureSummary([
        { code: 'graph.throttled', message: 'slow down', count: 2 },
        { code: 'graph.throttled', message: 'slow down', count: 3 },
        { code: 'DROP TABLE', message: 42, count: -5 },
        'junk',
        null,
      ]),
    ).toEqual([
      { code: 'graph.throttled', message: 'slow down', count: 5 },
      { code: 'run.failure', message: 'No details were recorded.', count: 1 },
    ]);
    expect(sanitizeFailureSummary({ code: 'x' })).toEqual([]);
  });
});

describe('run list cursor', () => {
  it('round-trips and refuses anything it did not hand out', () => {
    const cursor = { created_at: '2026-03-01T00:00:00.123456Z', id: 42 };
    expect(decodeRunCursor(encodeRunCursor(cursor))).toEqual(cursor);
    expect(decodeRunCursor('garbage')).toBeNull();
    expect(decodeRunCursor(Buffer.from('["2026-03-01T00:00:00Z", 42]').toString('base64url'))).toBeNull();
    expect(decodeRunCursor(Buffer.from('["2026-03-01T00:00:00.123456Z", -1]').toString('base64url'))).toBeNull();
  });
});
