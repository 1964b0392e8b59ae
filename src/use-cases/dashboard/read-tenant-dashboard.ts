import type { Kysely } from 'kysely';
import { listBaselines, type BaselineRow } from '../../db/queries/baselines';
import { listFindings, type FindingRow } from '../../db/queries/findings';
import { operationsKpis } from '../../db/queries/operation-run-kpis';
import { listRuns } from '../../db/queries/operation-run-listing';
import type { OperationRunRecord } from '../../db/queries/operation-runs';
import type { TenantFacts } from '../../db/queries/tenant-dashboard';
import type { Database, TenantRow } from '../../db/schema';
import type { NeedsAttentionLinks } from '../../domain/dashboard';
import { readTenantAttention, type TenantAttention } from './tenant-attention';

// The tenant dashboard of SPEC §3 (seed 000): drift KPIs, operations health, what needs attention, and the
// newest findings and runs. Database reads only — rendering or refreshing it never calls Graph. Five statements,
// sent at once: the tenant with its drift facts (tenant-dashboard.ts), the operations KPIs, the current
// baseline, the newest findings and the newest runs.

const RECENT = 10;

export interface TenantDashboard {
  tenant: TenantRow;
  workspace_slug: string | null;
  drift: TenantAttention & { current_baseline: BaselineRow | null };
  operations: { active: number; failed_or_partial_7d: number };
  recent_findings: FindingRow[];
  recent_runs: OperationRunRecord[];
}

/** The dashboard of a tenant the caller was granted access to (so it exists). `links` may depend on the tenant's workspace (its slug). */
export async function readTenantDashboard(
  db: Kysely<Database>,
  tenant: { id: number },
  links: NeedsAttentionLinks | ((facts: TenantFacts) => NeedsAttentionLinks),
  now: Date,
): Promise<TenantDashboard> {
  const [attention, kpis, baselines, findings, runs] = await Promise.all([
    readTenantAttention(db, { tenantId: tenant.id }, typeof links === 'function' ? links : () => links, now),
    operationsKpis(db, tenant.id, now),
    listBaselines(db, tenant.id, 1),
    listFindings(db, { tenantId: tenant.id, filters: {}, limit: RECENT }),
    listRuns(db, { tenantId: tenant.id, tab: 'all', limit: RECENT }),
  ]);
  const facts = attention[0];
  if (!facts) throw new Error(`tenant ${tenant.id} vanished after access was granted`);
  return {
    tenant: facts.tenant,
    workspace_slug: facts.workspace_slug,
    drift: { ...facts.attention, current_baseline: baselines[0] ?? null },
    operations: { active: kpis.active_runs, failed_or_partial_7d: kpis.failed_or_partial_7d },
    recent_findings: findings.findings,
    recent_runs: runs.runs,
  };
}
