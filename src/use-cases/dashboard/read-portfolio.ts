import type { Kysely } from 'kysely';
import { activeRunCounts, latestRunsOfType, type LatestRunFacts } from '../../db/queries/tenant-dashboard';
import { listWorkspaceTenants } from '../../db/queries/tenants';
import type { Database, TenantRow } from '../../db/schema';
import { filterPortfolio, sortPortfolio, type NeedsAttentionLinks, type PortfolioFilter, type PortfolioSortKey, type SortDirection } from '../../domain/dashboard';
import { readTenantAttention, type TenantAttention } from './tenant-attention';

// The workspace portfolio (issue 7): every tenant in one table with its drift, its last sync and scan, and
// its active runs. A handful of set-based statements for the whole workspace (one pass each, not one per
// tenant), then the domain's filter and sort.

export interface PortfolioRow extends TenantAttention {
  tenant: TenantRow;
  id: number;
  name: string;
  status: string | null;
  last_sync: LatestRunFacts | null;
  last_scan: LatestRunFacts | null;
  active_runs: number;
}

export interface PortfolioQuery {
  filter: PortfolioFilter;
  sort: PortfolioSortKey;
  direction: SortDirection;
}

export async function readPortfolio(
  db: Kysely<Database>,
  workspaceId: number,
  query: PortfolioQuery,
  linksFor: (tenantId: number) => NeedsAttentionLinks,
  now: Date,
): Promise<{ rows: PortfolioRow[]; total: number }> {
  const scope = { workspaceId };
  const tenants = await listWorkspaceTenants(db, workspaceId);
  const [attention, syncs, scans, active] = await Promise.all([
    readTenantAttention(db, scope, tenants, linksFor, now),
    latestRunsOfType(db, scope, 'inventory.sync'),
    latestRunsOfType(db, scope, 'drift.scan'),
    activeRunCounts(db, scope),
  ]);
  const rows = tenants.map((tenant) => {
    const drift = attention.get(tenant.id);
    if (!drift) throw new Error(`no attention facts for tenant ${tenant.id}`);
    return {
      ...drift,
      tenant,
      id: tenant.id,
      name: tenant.name,
      status: tenant.status,
      last_sync: syncs.get(tenant.id) ?? null,
      last_scan: scans.get(tenant.id) ?? null,
      active_runs: active.get(tenant.id) ?? 0,
    };
  });
  const filtered = filterPortfolio(rows, query.filter);
  return { rows: sortPortfolio(filtered, query.sort, query.direction), total: tenants.length };
}
