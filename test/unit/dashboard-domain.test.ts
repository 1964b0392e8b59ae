import { describe, expect, it } from 'vitest';
import { filterPortfolio, needsAttention, openBySeverity, sortPortfolio, type PortfolioRowFacts } from '../../src/domain/dashboard';

// The pure rules behind the dashboard and the portfolio (SPEC §3, issue 7).
const links = { findings: (f: { severity: string }) => `/findings?severity=${f.severity}`, run: (id: number) => `/operations/${id}`, startScan: () => '#scan-now' };

// Freshness itself (fresh, partly scanned, stale, never scanned): drift-freshness.test.ts.
describe('open findings by severity', () => {
  it('has all four keys, zeros included, and leaves unknown stored severities out of the total', () => {
    expect(openBySeverity([{ severity: 'high', count: 2 }, { severity: 'urgent', count: 5 }])).toEqual({
      open_by_severity: { critical: 0, high: 2, medium: 0, low: 0 },
      open_total: 2,
    });
  });
});

describe('needs attention', () => {
  const none = { critical: 0, high: 0, medium: 0, low: 0 };
  it('is empty when nothing needs attention', () => {
    expect(needsAttention({ openBySeverity: { ...none, medium: 4 }, failedRuns: [], freshness: 'fresh', lifecycle: 'active' }, links)).toEqual([]);
  });
  it('lists critical then high findings, each failed run type with its newest run, then stale drift', () => {
    const items = needsAttention(
      { openBySeverity: { ...none, critical: 1, high: 3 }, failedRuns: [{ type: 'drift.scan', outcome: 'failed', count: 2, newest_run_id: 9 }], freshness: 'never_scanned', lifecycle: 'active' },
      links,
    );
    expect(items).toEqual([
      { kind: 'open_findings', title: '1 open critical finding', count: 1, href: '/findings?severity=critical' },
      { kind: 'open_findings', title: '3 open high findings', count: 3, href: '/findings?severity=high' },
      { kind: 'failed_run', title: 'Drift scan failed 2 times in the last 7 days', count: 2, href: '/operations/9' },
      { kind: 'stale_drift', title: 'Drift has never been scanned', count: 1, href: '#scan-now' },
    ]);
  });
});

describe('portfolio order and filters', () => {
  const row = (id: number, name: string, status: string, open: Partial<PortfolioRowFacts['open_by_severity']>, extra: Partial<PortfolioRowFacts> = {}): PortfolioRowFacts => {
    const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, ...open };
    return { id, name, status, open_by_severity: bySeverity, open_total: Object.values(bySeverity).reduce((a, b) => a + b, 0), last_sync: null, last_scan: null, active_runs: 0, stale: false, freshness: 'fresh', needs_attention: [], ...extra };
  };
  const rows = [
    row(1, 'beta', 'active', { high: 5 }),
    row(2, 'Alpha', 'archived', { critical: 1 }),
    row(3, 'gamma', 'draft', {}, { stale: true, freshness: 'never_scanned' }),
    row(4, 'delta', 'ACTIVE ', { high: 5, low: 1 }, { needs_attention: [{ kind: 'stale_drift', title: 't', count: 1, href: '#' }] }),
  ];
  it('sorts by name ignoring case, by lifecycle in its own order (invalid last), by severity first', () => {
    expect(sortPortfolio(rows, 'name', 'asc').map((r) => r.id)).toEqual([2, 1, 4, 3]);
    expect(sortPortfolio(rows, 'lifecycle', 'asc').map((r) => r.id)).toEqual([3, 1, 2, 4]);
    // One critical outranks five highs; equal highs are decided by the next severity.
    expect(sortPortfolio(rows, 'open_findings', 'desc').map((r) => r.id)).toEqual([2, 4, 1, 3]);
  });
  it('filters by lifecycle (the invalid fallback included), staleness and needing attention', () => {
    expect(filterPortfolio(rows, { lifecycle: 'invalid' }).map((r) => r.id)).toEqual([4]);
    expect(filterPortfolio(rows, { stale: true }).map((r) => r.id)).toEqual([3]);
    expect(filterPortfolio(rows, { freshness: 'never_scanned' }).map((r) => r.id)).toEqual([3]);
    expect(filterPortfolio(rows, { freshness: 'fresh' }).map((r) => r.id)).toEqual([1, 2, 4]);
    expect(filterPortfolio(rows, { needs_attention: true }).map((r) => r.id)).toEqual([4]);
    expect(filterPortfolio(rows, { needs_attention: false }).map((r) => r.id)).toEqual([1, 2, 3]);
  });
});
