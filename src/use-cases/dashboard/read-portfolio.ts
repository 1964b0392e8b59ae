import type { Kysely } from 'kysely';
import { listWorkspaceTenantNames, type LatestRunFacts } from '../../db/queries/tenant-dashboard';
import type { Database, TenantRow } from '../../db/schema';
import {
  compareTenantNames,
  filterPortfolio,
  sortPortfolio,
  type NeedsAttentionLinks,
  type PortfolioFilter,
  type PortfolioSortKey,
  type SortDirection,
} from '../../domain/dashboard';
import { lifecycleFilterValueOf } from '../../domain/lifecycle';
import { readTenantAttention, type TenantAttention } from './tenant-attention';

// The workspace portfolio (issue 7): every tenant in one table with its drift, its last sync and scan, and its
// active runs — in pages (issue 20, throughput: all 500 tenants of the benchmark's workspace in one answer were
// about 1 MB, serialized on every request).
//
// Sorted by name (the default) with no filter but lifecycle, a page is cut from the light list of names before any
// fact is read, and only that page's tenants are read (one statement, tenant-dashboard.ts); the cursor is the last
// row's name and id, so a tenant added or removed meanwhile neither repeats nor skips a row. Sorted or filtered by
// a computed fact (open findings, last sync or scan, active runs, needs attention, freshness), every tenant's facts
// are read — one statement for the workspace — then the domain filters and sorts, and the cursor is the position
// after the page.

export interface PortfolioRow extends TenantAttention {
  tenant: TenantRow;
  id: number;
  name: string;
  status: string | null;
  last_sync: LatestRunFacts | null;
  last_scan: LatestRunFacts | null;
  active_runs: number;
}

export type PortfolioCursor = { after: { name: string; id: number } } | { offset: number };

export interface PortfolioQuery {
  filter: PortfolioFilter;
  sort: PortfolioSortKey;
  direction: SortDirection;
  /** Rows per page; every row when absent. */
  limit?: number;
  cursor?: PortfolioCursor;
}

export interface Portfolio {
  rows: PortfolioRow[];
  /** Tenants in the workspace before filtering. */
  total: number;
  /** Tenants that pass the filter, on every page together. */
  matching: number;
  next: PortfolioCursor | null;
}

/** Whether the portfolio pages by name ('after' cursors) or by position ('offset' cursors) for this sort and filter. */
export function portfolioPagesByName({ sort, filter }: Pick<PortfolioQuery, 'sort' | 'filter'>): boolean {
  return sort === 'name' && filter.needs_attention === undefined && filter.stale === undefined && filter.freshness === undefined;
}

export async function readPortfolio(
  db: Kysely<Database>,
  workspaceId: number,
  query: PortfolioQuery,
  linksFor: (tenantId: number) => NeedsAttentionLinks,
  now: Date,
): Promise<Portfolio> {
  const links = (facts: { tenant: { id: number } }) => linksFor(facts.tenant.id);
  const { filter } = query;
  const byNameOnly = portfolioPagesByName(query);

  if (byNameOnly && query.cursor && !('after' in query.cursor)) throw new Error('a name-sorted portfolio pages by name');
  if (byNameOnly) {
    const sign = query.direction === 'asc' ? 1 : -1;
    const names = await listWorkspaceTenantNames(db, workspaceId);
    const matching = names.filter((tenant) => filter.lifecycle === undefined || lifecycleFilterValueOf(tenant.status) === filter.lifecycle);
    const after = query.cursor && 'after' in query.cursor ? query.cursor.after : null;
    const ordered = matching.filter((tenant) => !after || sign * compareTenantNames(tenant, after) > 0).sort((a, b) => sign * compareTenantNames(a, b));
    const page = query.limit === undefined ? ordered : ordered.slice(0, query.limit);
    const facts = await readTenantAttention(db, { tenantIds: page.map((tenant) => tenant.id) }, links, now);
    const byId = new Map(facts.map((row) => [row.tenant.id, row]));
    // A tenant deleted between the two reads is left out of the page.
    const rows = page.flatMap((tenant) => {
      const row = byId.get(tenant.id);
      return row ? [portfolioRow(row)] : [];
    });
    const last = page.at(-1);
    const next = last && ordered.length > page.length ? { after: { name: last.name, id: last.id } } : null;
    return { rows, total: names.length, matching: matching.length, next };
  }

  if (query.cursor && !('offset' in query.cursor)) throw new Error('a portfolio sorted or filtered by its facts pages by position');
  const facts = await readTenantAttention(db, { workspaceId }, links, now);
  const sorted = sortPortfolio(filterPortfolio(facts.map(portfolioRow), filter), query.sort, query.direction);
  const start = query.cursor && 'offset' in query.cursor ? query.cursor.offset : 0;
  const end = query.limit === undefined ? sorted.length : start + query.limit;
  return { rows: sorted.slice(start, end), total: facts.length, matching: sorted.length, next: end < sorted.length ? { offset: end } : null };
}

function portfolioRow(facts: Awaited<ReturnType<typeof readTenantAttention>>[number]): PortfolioRow {
  const { tenant, attention } = facts;
  return {
    ...attention,
    tenant,
    id: tenant.id,
    name: tenant.name,
    status: tenant.status,
    last_sync: facts.last_sync,
    last_scan: facts.last_scan,
    active_runs: facts.active_runs,
  };
}
