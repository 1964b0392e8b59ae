import type { Kysely } from 'kysely';
import { listBaselines, type BaselineRow } from '../../db/queries/baselines';
import { listFindings, type FindingRow } from '../../db/queries/findings';
import { operationsKpis } from '../../db/queries/operation-run-kpis';
import { listRuns } from '../../db/queries/operation-run-listing';
import type { OperationRunRecord } from '../../db/queries/operation-runs';
import type { Database } from '../../db/schema';
import type { NeedsAttentionLinks } from '../../domain/dashboard';
import { readTenantAttention, type AttentionTenant, type TenantAttention } from './tenant-attention';

// The tenant dashboard of SPEC §3 (seed 000): drift KPIs, operations health, what needs attention, and the
// newest findings and runs. Database reads only — rendering or refreshing it never calls Graph.

const RECENT = 10;

export interface TenantDashboard {
  drift: TenantAttention & { current_baseline: BaselineRow | null };
  operations: { active: number; failed_or_partial_7d: number };
  recent_findings: FindingRow[];
  recent_runs: OperationRunRecord[];
}

export async function readTenantDashboard(db: Kysely<Database>, tenant: AttentionTenant, links: NeedsAttentionLinks, now: Date): Promise<TenantDashboard> {
  const [attention, kpis, baselines, findings, runs] = await Promise.all([
    readTenantAttention(db, { tenantId: tenant.id }, [tenant], () => links, now),
    operationsKpis(db, tenant.id, now),
    listBaselines(db, tenant.id, 1),
    listFindings(db, { tenantId: tenant.id, filters: {}, limit: RECENT }),
    listRuns(db, { tenantId: tenant.id, tab: 'all', limit: RECENT }),
  ]);
  const drift = attention.get(tenant.id);
  if (!drift) throw new Error(`no attention facts for tenant ${tenant.id}`);
  return {
    drift: { ...drift, current_baseline: baselines[0] ?? null },
    operations: { active: kpis.active_runs, failed_or_partial_7d: kpis.failed_or_partial_7d },
    recent_findings: findings.findings,
    recent_runs: runs.runs,
  };
}
