import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

// bigint columns arrive as numbers (database.ts installs the int8 parser on both drivers).

// The reads of the tenant dashboard and the workspace portfolio (SPEC §3; issue 7). Each takes a tenant scope
// — one tenant (the dashboard) or every tenant of a workspace (the portfolio) — so both surfaces count with
// the same statements. All of them read the database only; nothing here reaches Graph.

export type TenantScope = { tenantId: number } | { workspaceId: number };

const inScope = (scope: TenantScope) =>
  'tenantId' in scope ? sql`t.id = ${scope.tenantId}` : sql`t.workspace_id = ${scope.workspaceId}`;

/** Open findings per tenant and severity, from the trigger-kept tallies (migration 0013): one row each. */
export async function openFindingCounts(db: Kysely<Database>, scope: TenantScope) {
  const result = await sql<{ tenant_id: number; severity: string; count: number }>`
    SELECT f.tenant_id, f.severity, f.finding_count::int AS count
    FROM tenants t JOIN finding_tallies f ON f.tenant_id = t.id AND f.status = 'open' AND f.finding_count > 0
    WHERE ${inScope(scope)}`.execute(db);
  return result.rows;
}

/** drift.last_scan_at per tenant: its newest drift scan that succeeded or was partial, with which of the two. */
export async function lastCompletedScans(db: Kysely<Database>, scope: TenantScope): Promise<Map<number, { completed_at: Date; outcome: string }>> {
  const result = await sql<{ tenant_id: number; completed_at: Date; outcome: string }>`
    SELECT t.id AS tenant_id, s.completed_at, s.outcome
    FROM tenants t
    JOIN LATERAL (
      SELECT r.completed_at, r.outcome FROM operation_runs r
      WHERE r.tenant_id = t.id AND r.type = 'drift.scan' AND r.status = 'completed' AND r.outcome IN ('succeeded', 'partial')
      ORDER BY r.completed_at DESC LIMIT 1
    ) s ON true
    WHERE ${inScope(scope)}`.execute(db);
  return new Map(result.rows.map((row) => [row.tenant_id, { completed_at: row.completed_at, outcome: row.outcome }]));
}

/**
 * Runs of any type completed with one of `outcomes` at or after `since`, per tenant, type and outcome, with the
 * newest one's id; newest group first.
 */
export async function failedRunsSince(db: Kysely<Database>, scope: TenantScope, outcomes: readonly string[], since: Date) {
  if (outcomes.length === 0) return [];
  const result = await sql<{ tenant_id: number; type: string; outcome: string; count: number; newest_run_id: number }>`
    SELECT r.tenant_id, r.type, r.outcome, count(*)::int AS count, (array_agg(r.id ORDER BY r.completed_at DESC, r.id DESC))[1] AS newest_run_id
    FROM tenants t JOIN operation_runs r ON r.tenant_id = t.id
    WHERE ${inScope(scope)} AND r.status = 'completed' AND r.outcome IN (${sql.join(outcomes)}) AND r.completed_at >= ${since}
    GROUP BY r.tenant_id, r.type, r.outcome
    ORDER BY max(r.completed_at) DESC, r.type, r.outcome`.execute(db);
  return result.rows;
}

/** Active (queued or running) runs per tenant, from the trigger-kept tallies. */
export async function activeRunCounts(db: Kysely<Database>, scope: TenantScope): Promise<Map<number, number>> {
  const result = await sql<{ tenant_id: number; count: number }>`
    SELECT t.id AS tenant_id, sum(a.run_count)::int AS count
    FROM tenants t JOIN operation_run_tallies a ON a.tenant_id = t.id AND a.status IN ('queued', 'running')
    WHERE ${inScope(scope)}
    GROUP BY t.id`.execute(db);
  return new Map(result.rows.map((row) => [row.tenant_id, row.count]));
}

export interface LatestRunFacts {
  id: number;
  status: string;
  outcome: string;
  created_at: Date;
  completed_at: Date | null;
}

/** Each tenant's newest run of one type, whatever its state (operation_runs_tenant_type_created_idx). */
export async function latestRunsOfType(db: Kysely<Database>, scope: TenantScope, type: string): Promise<Map<number, LatestRunFacts>> {
  const result = await sql<LatestRunFacts & { tenant_id: number }>`
    SELECT t.id AS tenant_id, r.id, r.status, r.outcome, r.created_at, r.completed_at
    FROM tenants t
    JOIN LATERAL (
      SELECT id, status, outcome, created_at, completed_at FROM operation_runs
      WHERE tenant_id = t.id AND type = ${type}
      ORDER BY created_at DESC, id DESC LIMIT 1
    ) r ON true
    WHERE ${inScope(scope)}`.execute(db);
  return new Map(result.rows.map(({ tenant_id, ...run }) => [tenant_id, run]));
}
