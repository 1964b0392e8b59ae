import type { DriftFreshness } from '../drift/drift-freshness';
import { findingSeverities } from '../drift/severity';
import { lifecycleFilterValueOf, type LifecycleFilterValue } from '../lifecycle/lifecycle-filter';
import { lifecycleStates } from '../lifecycle/lifecycle-state';
import type { NeedsAttentionItem } from './needs-attention';
import type { OpenBySeverity } from './open-by-severity';

// The workspace portfolio (issue 7): one row per tenant, filtered and sorted here so the API and every
// test agree on the order. The row's facts come from the database; "needs attention" and "stale" are the
// dashboard's own rules applied per tenant (see tenant-dashboard use case), never a second definition.

export const portfolioSortKeys = ['name', 'lifecycle', 'open_findings', 'last_sync', 'last_scan', 'active_runs'] as const;
export type PortfolioSortKey = (typeof portfolioSortKeys)[number];
export const sortDirections = ['asc', 'desc'] as const;
export type SortDirection = (typeof sortDirections)[number];

export interface PortfolioRunFacts {
  created_at: Date;
  completed_at: Date | null;
}

export interface PortfolioRowFacts {
  id: number;
  name: string;
  status: string | null;
  open_by_severity: OpenBySeverity;
  open_total: number;
  last_sync: PortfolioRunFacts | null;
  last_scan: PortfolioRunFacts | null;
  active_runs: number;
  stale: boolean;
  freshness: DriftFreshness;
  needs_attention: readonly NeedsAttentionItem[];
}

export interface PortfolioFilter {
  lifecycle?: LifecycleFilterValue;
  needs_attention?: boolean;
  /** SPEC §3 `drift.stale` (never scanned, or the last scan older than 7 days). */
  stale?: boolean;
  /** Exactly the rows whose drift carries this label (fresh, partly scanned, stale, never scanned). */
  freshness?: DriftFreshness;
}

export function filterPortfolio<Row extends PortfolioRowFacts>(rows: readonly Row[], filter: PortfolioFilter): Row[] {
  return rows.filter(
    (row) =>
      (filter.lifecycle === undefined || lifecycleFilterValueOf(row.status) === filter.lifecycle) &&
      (filter.needs_attention === undefined || row.needs_attention.length > 0 === filter.needs_attention) &&
      (filter.stale === undefined || row.stale === filter.stale) &&
      (filter.freshness === undefined || row.freshness === filter.freshness),
  );
}

// Lifecycle sorts in its own order (draft → archived), invalid values last.
const lifecycleRank = (status: string | null) => {
  const index = (lifecycleStates as readonly (string | null)[]).indexOf(status);
  return index === -1 ? lifecycleStates.length : index;
};
// A run's moment: when it completed, or when it was created while it still runs. Never run sorts lowest.
const runMoment = (run: PortfolioRunFacts | null) => (run ? (run.completed_at ?? run.created_at).getTime() : -Infinity);

// localeCompare(…, 'en', { sensitivity: 'base' }) with the collator made once: the same order, without building a
// collator on every comparison (a 500-tenant sort makes thousands).
const nameOrder = new Intl.Collator('en', { sensitivity: 'base' });

const compareBy: Record<PortfolioSortKey, (a: PortfolioRowFacts, b: PortfolioRowFacts) => number> = {
  name: (a, b) => nameOrder.compare(a.name, b.name),
  lifecycle: (a, b) => lifecycleRank(a.status) - lifecycleRank(b.status),
  // Most severe first when descending: critical decides, then high, medium, low.
  open_findings: (a, b) => {
    for (const severity of findingSeverities) {
      const difference = a.open_by_severity[severity] - b.open_by_severity[severity];
      if (difference !== 0) return difference;
    }
    return 0;
  },
  last_sync: (a, b) => runMoment(a.last_sync) - runMoment(b.last_sync),
  last_scan: (a, b) => runMoment(a.last_scan) - runMoment(b.last_scan),
  active_runs: (a, b) => a.active_runs - b.active_runs,
};

/**
 * The name order of sortPortfolio with its tie on id: a total order, so a page sorted by name can end at a row and
 * the next page start right after it (the portfolio's keyset cursor) without reading any other fact.
 */
export function compareTenantNames(a: Pick<PortfolioRowFacts, 'name' | 'id'>, b: Pick<PortfolioRowFacts, 'name' | 'id'>): number {
  return nameOrder.compare(a.name, b.name) || a.id - b.id;
}

/** Sorted by the key in the direction; ties by name then id, always ascending, so the order is stable. */
export function sortPortfolio<Row extends PortfolioRowFacts>(rows: readonly Row[], key: PortfolioSortKey, direction: SortDirection): Row[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compareBy[key](a, b) || compareBy.name(a, b) || a.id - b.id);
}
