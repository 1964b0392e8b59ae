import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTenant } from '../support/operations-harness';
import { createTestWorkspace } from '../support/test-app';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 20 (throughput): "Needs attention" reads every run of any type that failed or was partial in the last
// 7 days (src/db/queries/tenant-dashboard.ts, failedRunsSince). The server prepares its often-sent statements,
// and PostgreSQL then runs them with a plan made for any parameters. That plan must find the window through an
// index on (tenant, outcome, completed_at) — before migration 0019 it walked every completed run of the tenant,
// 1.2 s at a million runs. The statement below is failedRunsSince's for one tenant, prepared the same way.
const statement = `
  SELECT r.tenant_id, r.type, r.outcome, count(*)::int AS count, (array_agg(r.id ORDER BY r.completed_at DESC, r.id DESC))[1] AS newest_run_id
  FROM tenants t JOIN operation_runs r ON r.tenant_id = t.id
  WHERE t.id = $1 AND r.status = 'completed' AND r.outcome IN ($2, $3) AND r.completed_at >= $4
  GROUP BY r.tenant_id, r.type, r.outcome
  ORDER BY max(r.completed_at) DESC, r.type, r.outcome`;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

describe.each(databaseTargets())('the Needs attention read of runs on %s', (target) => {
  let database: TestDatabase;
  let tenantId: number;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    const workspace = await createTestWorkspace(database, 'attention-plan');
    tenantId = await insertTenant(database, workspace.id, 'Busy', 'active');
    // A long history: 20,000 completed runs of four types over two months, 1 in 10 failed or partial.
    await sql`
      INSERT INTO operation_runs (workspace_id, tenant_id, type, status, outcome, selection_hash, created_at, started_at, completed_at)
      SELECT ${workspace.id}, ${tenantId}, (ARRAY['inventory.sync','baseline.capture','drift.scan','provider.verify'])[1 + g % 4], 'completed',
             CASE WHEN g % 20 = 0 THEN 'failed' WHEN g % 20 = 1 THEN 'partial' ELSE 'succeeded' END, 'plan-' || g,
             timestamptz '2026-03-15T12:00:00Z' - make_interval(mins => g * 4), timestamptz '2026-03-15T12:00:00Z' - make_interval(mins => g * 4),
             timestamptz '2026-03-15T12:00:00Z' - make_interval(mins => g * 4) + interval '1 minute'
      FROM generate_series(1, 20000) AS g`.execute(database.db);
    await sql`ANALYZE operation_runs`.execute(database.db);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it('finds the 7-day window of failed and partial runs through one index range, as a prepared statement', async () => {
    const plan = await database.db.connection().execute(async (connection) => {
      await sql`SET plan_cache_mode = force_generic_plan`.execute(connection);
      await sql.raw(`PREPARE attention_runs(bigint, text, text, timestamptz) AS ${statement}`).execute(connection);
      try {
        const result = await sql.raw<{ 'QUERY PLAN': unknown }>(
          `EXPLAIN (FORMAT JSON) EXECUTE attention_runs(${tenantId}, 'failed', 'partial', '2026-03-08T12:00:00Z')`,
        ).execute(connection);
        const explained = result.rows[0]!['QUERY PLAN'];
        return ((typeof explained === 'string' ? JSON.parse(explained) : explained) as Array<{ Plan: PlanNode }>)[0]!.Plan;
      } finally {
        await sql`DEALLOCATE attention_runs`.execute(connection);
        await sql`RESET plan_cache_mode`.execute(connection);
      }
    });
    // Every read of operation_runs goes through that index with tenant, outcome and the window's start as its
    // condition (an index scan, or the bitmap of one); none filters the tenant's whole history.
    const all = nodes(plan);
    expect(all.filter((node) => node['Relation Name'] === 'operation_runs' && node['Node Type'] === 'Seq Scan')).toEqual([]);
    const indexReads = all.filter((node) => node['Index Name']?.startsWith('operation_runs_'));
    expect(indexReads.map((node) => node['Index Name'])).toEqual(['operation_runs_tenant_outcome_completed_idx']);
    expect(indexReads[0]!['Index Cond']).toMatch(/tenant_id = .*outcome = ANY .*completed_at >= /);
  });
});
