import type { Kysely } from 'kysely';
import { failedRunsSince, lastCompletedScans, openFindingCounts, type TenantScope } from '../../db/queries/tenant-dashboard';
import type { Database } from '../../db/schema';
import {
  attentionOutcomes,
  failedRunsSince as failedRunWindowStart,
  needsAttention,
  openBySeverity,
  type NeedsAttentionItem,
  type NeedsAttentionLinks,
  type OpenBySeverity,
} from '../../domain/dashboard';
import { driftFreshness, isDriftStale, type DriftFreshness } from '../../domain/drift';

// The drift facts and "Needs attention" of SPEC §3, for one tenant (the dashboard) or every tenant of a
// workspace (the portfolio) — one definition read by both, so their numbers cannot disagree.

export interface TenantAttention {
  open_by_severity: OpenBySeverity;
  open_total: number;
  last_scan_at: Date | null;
  stale: boolean;
  freshness: DriftFreshness;
  needs_attention: NeedsAttentionItem[];
}

export interface AttentionTenant {
  id: number;
  status: string | null;
}

export async function readTenantAttention(
  db: Kysely<Database>,
  scope: TenantScope,
  tenants: readonly AttentionTenant[],
  linksFor: (tenantId: number) => NeedsAttentionLinks,
  now: Date,
): Promise<Map<number, TenantAttention>> {
  const [openCounts, lastScans, failedRuns] = await Promise.all([
    openFindingCounts(db, scope),
    lastCompletedScans(db, scope),
    failedRunsSince(db, scope, attentionOutcomes, failedRunWindowStart(now)),
  ]);
  const openByTenant = groupByTenant(openCounts);
  const failedByTenant = groupByTenant(failedRuns);
  const attention = new Map<number, TenantAttention>();
  for (const tenant of tenants) {
    const open = openBySeverity(openByTenant.get(tenant.id) ?? []);
    const lastScan = lastScans.get(tenant.id) ?? null;
    const freshness = driftFreshness(lastScan, now);
    const items = needsAttention(
      { openBySeverity: open.open_by_severity, failedRuns: failedByTenant.get(tenant.id) ?? [], freshness, lifecycle: tenant.status },
      linksFor(tenant.id),
    );
    attention.set(tenant.id, { ...open, last_scan_at: lastScan?.completed_at ?? null, stale: isDriftStale(freshness), freshness, needs_attention: items });
  }
  return attention;
}

function groupByTenant<Row extends { tenant_id: number }>(rows: readonly Row[]): Map<number, Row[]> {
  const groups = new Map<number, Row[]>();
  for (const row of rows) groups.set(row.tenant_id, [...(groups.get(row.tenant_id) ?? []), row]);
  return groups;
}
