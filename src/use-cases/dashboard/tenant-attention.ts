import type { Kysely } from 'kysely';
import { failedRunsSince, lastCompletedScans, openFindingCounts, type TenantScope } from '../../db/queries/tenant-dashboard';
import type { Database } from '../../db/schema';
import {
  attentionRunTypes,
  failedRunsSince as failedRunWindowStart,
  isDriftStale,
  needsAttention,
  openBySeverity,
  type NeedsAttentionItem,
  type NeedsAttentionLinks,
  type OpenBySeverity,
} from '../../domain/dashboard';

// The drift facts and "Needs attention" of SPEC §3, for one tenant (the dashboard) or every tenant of a
// workspace (the portfolio) — one definition read by both, so their numbers cannot disagree.

export interface TenantAttention {
  open_by_severity: OpenBySeverity;
  open_total: number;
  last_scan_at: Date | null;
  stale: boolean;
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
    failedRunsSince(db, scope, attentionRunTypes, failedRunWindowStart(now)),
  ]);
  const openByTenant = groupByTenant(openCounts);
  const failedByTenant = groupByTenant(failedRuns);
  const attention = new Map<number, TenantAttention>();
  for (const tenant of tenants) {
    const open = openBySeverity(openByTenant.get(tenant.id) ?? []);
    const lastScanAt = lastScans.get(tenant.id) ?? null;
    const stale = isDriftStale(lastScanAt, now);
    const items = needsAttention(
      {
        openBySeverity: open.open_by_severity,
        failedRuns: attentionRunTypes.flatMap((type) => (failedByTenant.get(tenant.id) ?? []).filter((row) => row.type === type)),
        // Only an active tenant is scanned (and can be): a draft or archived tenant's missing scan is not a task.
        stale: stale && tenant.status === 'active',
        everScanned: lastScanAt !== null,
      },
      linksFor(tenant.id),
    );
    attention.set(tenant.id, { ...open, last_scan_at: lastScanAt, stale, needs_attention: items });
  }
  return attention;
}

function groupByTenant<Row extends { tenant_id: number }>(rows: readonly Row[]): Map<number, Row[]> {
  const groups = new Map<number, Row[]>();
  for (const row of rows) groups.set(row.tenant_id, [...(groups.get(row.tenant_id) ?? []), row]);
  return groups;
}
