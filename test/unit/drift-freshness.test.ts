import { describe, expect, it } from 'vitest';
import { driftFreshness, isDriftStale, presentDriftFreshness } from '../../src/domain/drift';
import { needsAttention } from '../../src/domain/dashboard';

// Issue 20 item 17: one definition of fresh / partly scanned / stale / never scanned, read by every surface.
const NOW = new Date('2026-03-15T12:00:00.000Z');
const EDGE = new Date('2026-03-08T12:00:00.000Z');
const links = { findings: (f: { severity: string }) => `/findings?severity=${f.severity}`, run: (id: number) => `/operations/${id}`, startScan: () => '#scan-now' };
const none = { critical: 0, high: 0, medium: 0, low: 0 };

describe('drift freshness', () => {
  it('is never scanned without a scan, and stale (SPEC drift.stale) as well', () => {
    expect(driftFreshness(null, NOW)).toBe('never_scanned');
    expect(isDriftStale('never_scanned')).toBe(true);
  });

  it('is fresh only after a scan that succeeded in the last 7 days, edge included', () => {
    expect(driftFreshness({ completed_at: EDGE, outcome: 'succeeded' }, NOW)).toBe('fresh');
    expect(driftFreshness({ completed_at: new Date(EDGE.getTime() - 1), outcome: 'succeeded' }, NOW)).toBe('stale');
    expect(isDriftStale('fresh')).toBe(false);
    expect(isDriftStale('stale')).toBe(true);
  });

  it('never counts a partial scan as fresh: it is partly scanned, and stale once older than 7 days', () => {
    expect(driftFreshness({ completed_at: NOW, outcome: 'partial' }, NOW)).toBe('partial');
    expect(driftFreshness({ completed_at: new Date(EDGE.getTime() - 1), outcome: 'partial' }, NOW)).toBe('stale');
    // Not stale in SPEC §3's sense (a scan completed in the window), and not fresh either.
    expect(isDriftStale('partial')).toBe(false);
  });

  it('labels each state in words, one label per state', () => {
    const labels = (['fresh', 'partial', 'stale', 'never_scanned'] as const).map((state) => presentDriftFreshness(state).label);
    expect(labels).toEqual(['Fresh', 'Partly scanned', 'Stale', 'Never scanned']);
    expect(presentDriftFreshness('never_scanned').description).not.toMatch(/fresh/i);
  });
});

describe('needs attention from the freshness and every failed or partial run', () => {
  const facts = { openBySeverity: none, failedRuns: [], lifecycle: 'active' as string | null };

  it('asks an active tenant that was never scanned, is stale or partly scanned to scan; a fresh one not', () => {
    expect(needsAttention({ ...facts, freshness: 'never_scanned' }, links).map((item) => [item.kind, item.title])).toEqual([['stale_drift', 'Drift has never been scanned']]);
    expect(needsAttention({ ...facts, freshness: 'stale' }, links).map((item) => item.kind)).toEqual(['stale_drift']);
    expect(needsAttention({ ...facts, freshness: 'fresh' }, links)).toEqual([]);
    // A draft tenant cannot be scanned: its missing scan is a fact on the drift card, not a task.
    expect(needsAttention({ ...facts, lifecycle: 'draft', freshness: 'never_scanned' }, links)).toEqual([]);
  });

  it('lists failed and partial runs of every type, provider verifications included', () => {
    const items = needsAttention(
      {
        ...facts,
        freshness: 'partial',
        failedRuns: [
          { type: 'drift.scan', outcome: 'partial', count: 1, newest_run_id: 7 },
          { type: 'provider.verify', outcome: 'failed', count: 2, newest_run_id: 9 },
          { type: 'inventory.sync', outcome: 'failed', count: 1, newest_run_id: 3 },
        ],
      },
      links,
    );
    expect(items.map((item) => [item.kind, item.title, item.href])).toEqual([
      ['partial_run', 'Drift scan was partial in the last 7 days', '/operations/7'],
      ['failed_run', 'Verify provider connection failed 2 times in the last 7 days', '/operations/9'],
      ['failed_run', 'Inventory sync failed in the last 7 days', '/operations/3'],
    ]);
  });
});
