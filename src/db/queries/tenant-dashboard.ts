import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database, TenantRow } from '../schema';

// bigint columns arrive as numbers (database.ts installs the int8 parser on both drivers).

// The reads of the tenant dashboard and the workspace portfolio (SPEC §3; issue 7). Both surfaces count with the
// same statement, for one tenant (the dashboard), some tenants (a portfolio page) or every tenant of a workspace
// (a portfolio sorted or filtered by what is computed from these facts). All of it reads the database only; nothing
// here reaches Graph.
//
// One statement, one row per tenant (issue 20, throughput): the tenant itself, its open findings per severity, its
// newest completed scan, the runs that need attention, its active runs and its newest sync and scan. Each part is
// an index lookup per tenant (the tallies of migrations 0003 and 0013, operation_runs_tenant_type_completed_idx,
// operation_runs_tenant_outcome_completed_idx of 0019, operation_runs_tenant_type_created_idx). Sent as six
// statements it cost six round trips and six result parses per request, which is most of what the dashboard and
// the portfolio spent their time on (bench/profile-route.ts: socket writes, the driver and Node's streams).

export type TenantScope = { tenantId: number } | { tenantIds: readonly number[] } | { workspaceId: number };

const inScope = (scope: TenantScope): RawBuilder<unknown> => {
  if ('tenantId' in scope) return sql`t.id = ${scope.tenantId}`;
  if ('tenantIds' in scope) return sql`t.id IN (${sql.join(scope.tenantIds)})`;
  return sql`t.workspace_id = ${scope.workspaceId}`;
};

export interface LatestRunFacts {
  id: number;
  status: string;
  outcome: string;
  created_at: Date;
  completed_at: Date | null;
}

export interface FailedRunGroup {
  type: string;
  outcome: string;
  count: number;
  newest_run_id: number;
}

export interface TenantFacts {
  tenant: TenantRow;
  workspace_slug: string | null;
  /** Open findings per severity, from the trigger-kept tallies (migration 0013). */
  open_counts: Array<{ severity: string; count: number }>;
  /** drift.last_scan_at: the newest drift scan that succeeded or was partial, with which of the two. */
  last_completed_scan: { completed_at: Date; outcome: string } | null;
  /** Runs of any type completed with one of the outcomes since the window's start, per type and outcome, newest group first. */
  failed_runs: FailedRunGroup[];
  /** Queued or running runs, from the trigger-kept tallies. */
  active_runs: number;
  /** The newest inventory sync and drift scan, whatever their state. */
  last_sync: LatestRunFacts | null;
  last_scan: LatestRunFacts | null;
}

interface FactsRow extends TenantRow {
  workspace_slug: string | null;
  open_counts: Record<string, number> | string;
  scan_completed_at: Date | null;
  scan_outcome: string | null;
  failed_runs: FailedRunGroup[] | string;
  active_runs: number;
  sync_id: number | null;
  sync_status: string | null;
  sync_outcome: string | null;
  sync_created_at: Date | null;
  sync_completed_at: Date | null;
  newest_scan_id: number | null;
  newest_scan_status: string | null;
  newest_scan_outcome: string | null;
  newest_scan_created_at: Date | null;
  newest_scan_completed_at: Date | null;
}

// json columns arrive parsed from PostgreSQL; PGlite may hand some of them over as text.
const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** Every fact the dashboard's drift block and the portfolio's rows need, for the tenants in scope, in one statement. */
export async function readTenantFacts(db: Kysely<Database>, scope: TenantScope, attentionOutcomes: readonly string[], since: Date): Promise<TenantFacts[]> {
  if ('tenantIds' in scope && scope.tenantIds.length === 0) return [];
  const outcomes = attentionOutcomes.length > 0 ? sql.join(attentionOutcomes) : sql`NULL`;
  const result = await sql<FactsRow>`
    SELECT t.*, w.slug AS workspace_slug,
      (SELECT coalesce(json_object_agg(f.severity, f.finding_count), '{}'::json)
         FROM finding_tallies f WHERE f.tenant_id = t.id AND f.status = 'open' AND f.finding_count > 0) AS open_counts,
      s.completed_at AS scan_completed_at, s.outcome AS scan_outcome,
      (SELECT coalesce(json_agg(json_build_object('type', g.type, 'outcome', g.outcome, 'count', g.count, 'newest_run_id', g.newest_run_id)
                                ORDER BY g.newest DESC, g.type, g.outcome), '[]'::json)
         FROM (
           SELECT r.type, r.outcome, count(*)::int AS count, (array_agg(r.id ORDER BY r.completed_at DESC, r.id DESC))[1] AS newest_run_id,
                  max(r.completed_at) AS newest
           FROM operation_runs r
           WHERE r.tenant_id = t.id AND r.status = 'completed' AND r.outcome IN (${outcomes}) AND r.completed_at >= ${since}
           GROUP BY r.type, r.outcome
         ) g) AS failed_runs,
      (SELECT coalesce(sum(a.run_count), 0)::int FROM operation_run_tallies a WHERE a.tenant_id = t.id AND a.status IN ('queued', 'running')) AS active_runs,
      y.id AS sync_id, y.status AS sync_status, y.outcome AS sync_outcome, y.created_at AS sync_created_at, y.completed_at AS sync_completed_at,
      n.id AS newest_scan_id, n.status AS newest_scan_status, n.outcome AS newest_scan_outcome, n.created_at AS newest_scan_created_at,
      n.completed_at AS newest_scan_completed_at
    FROM tenants t
    JOIN workspaces w ON w.id = t.workspace_id
    LEFT JOIN LATERAL (
      SELECT r.completed_at, r.outcome FROM operation_runs r
      WHERE r.tenant_id = t.id AND r.type = 'drift.scan' AND r.status = 'completed' AND r.outcome IN ('succeeded', 'partial')
      ORDER BY r.completed_at DESC LIMIT 1
    ) s ON true
    LEFT JOIN LATERAL (
      SELECT id, status, outcome, created_at, completed_at FROM operation_runs
      WHERE tenant_id = t.id AND type = 'inventory.sync' ORDER BY created_at DESC, id DESC LIMIT 1
    ) y ON true
    LEFT JOIN LATERAL (
      SELECT id, status, outcome, created_at, completed_at FROM operation_runs
      WHERE tenant_id = t.id AND type = 'drift.scan' ORDER BY created_at DESC, id DESC LIMIT 1
    ) n ON true
    WHERE ${inScope(scope)}`.execute(db);
  return result.rows.map(toFacts);
}

function toFacts(row: FactsRow): TenantFacts {
  const {
    workspace_slug,
    open_counts,
    scan_completed_at,
    scan_outcome,
    failed_runs,
    active_runs,
    sync_id,
    sync_status,
    sync_outcome,
    sync_created_at,
    sync_completed_at,
    newest_scan_id,
    newest_scan_status,
    newest_scan_outcome,
    newest_scan_created_at,
    newest_scan_completed_at,
    ...tenant
  } = row;
  const latest = (id: number | null, status: string | null, outcome: string | null, created_at: Date | null, completed_at: Date | null): LatestRunFacts | null =>
    id === null ? null : { id, status: status!, outcome: outcome!, created_at: created_at!, completed_at };
  return {
    tenant,
    workspace_slug,
    open_counts: Object.entries(parsed(open_counts)).map(([severity, count]) => ({ severity, count: Number(count) })),
    last_completed_scan: scan_completed_at ? { completed_at: scan_completed_at, outcome: scan_outcome! } : null,
    failed_runs: parsed(failed_runs),
    active_runs,
    last_sync: latest(sync_id, sync_status, sync_outcome, sync_created_at, sync_completed_at),
    last_scan: latest(newest_scan_id, newest_scan_status, newest_scan_outcome, newest_scan_created_at, newest_scan_completed_at),
  };
}

/**
 * The portfolio's light list: every tenant of a workspace by id, name and lifecycle, to sort and page by name before
 * reading facts. Ordered by lower(name) so that the domain's sort (a collator, which decides) finds it nearly sorted.
 */
export function listWorkspaceTenantNames(db: Kysely<Database>, workspaceId: number): Promise<Array<{ id: number; name: string; status: string | null }>> {
  return db.selectFrom('tenants').select(['id', 'name', 'status']).where('workspace_id', '=', workspaceId).orderBy(sql`lower(name)`).orderBy('id').execute();
}
