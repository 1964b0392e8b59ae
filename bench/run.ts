import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { buildApp } from '../src/http/app';
import { loadConfig } from '../src/config';
import { deriveKeys } from '../src/security/secret-key';
import { createApiToken } from '../src/use-cases/accounts/create-api-token';
import { createUserWithMembership } from '../src/use-cases/accounts/create-user';
import { createWorkspace } from '../src/use-cases/accounts/create-workspace';
import { insertTenant } from '../src/db/queries/tenants';
import { recreateBenchDatabase } from './bench-database';
import { measure, type Timing } from './measure';
import { seedActiveRuns, seedCompletedRuns } from './seed-runs';
import { writePerformanceReport, type PhaseResult } from './report';

// The operations benchmark of issue 3: one tenant with 10 thousand and then 1 million runs, among 2 million
// runs of 200 other tenants, on PostgreSQL. Requests go through the real HTTP app (routes, access hook,
// queries, serialization), in process, so the numbers are what a page waits for minus the network.
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const OTHER_RUNS = Number(process.env.BENCH_OTHER_RUNS ?? 2_000_000);
const SMALL = 10_000;
const LARGE = Number(process.env.BENCH_LARGE_RUNS ?? 1_000_000);
const TARGET_PER_DAY = 500; // a busy tenant: hourly syncs of several kinds plus scans
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);

const log = (line: string) => process.stderr.write(`${line}\n`);
const tabs = ['all', 'active', 'succeeded', 'partial', 'failed'] as const;

async function main() {
  const url = await recreateBenchDatabase(adminUrl, 'tenantatlas_bench');
  const captured: CapturedQuery[] = [];
  const database = await openDatabase({ databaseUrl: url, poolSize: 4, log: (event) => {
    if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
  } });
  await migrateToLatest(database.db as never);
  const now = new Date();

  const workspace = await createWorkspace(database.db, { name: 'Bench', slug: 'bench' });
  await createUserWithMembership(database.db, { email: 'bench@example.com', name: 'Bench', workspace: 'bench', role: 'owner', password: 'bench-password' });
  const { token } = await createApiToken(database.db, { email: 'bench@example.com' });
  const target = await insertTenant(database.db, { workspace_id: workspace.id, name: 'Target', domain: null, entra_tenant_id: null });
  await database.db.updateTable('tenants').set({ status: 'active' }).where('id', '=', target.id).execute();
  const others: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    others.push((await insertTenant(database.db, { workspace_id: workspace.id, name: `Other ${i}`, domain: null, entra_tenant_id: null })).id);
  }

  log(`Seeding ${OTHER_RUNS.toLocaleString()} runs of 200 other tenants…`);
  await seedCompletedRuns(database.db, { workspaceId: workspace.id, tenantIds: others, count: OTHER_RUNS, newest: now, perDay: OTHER_RUNS / (3 * 365) });
  log(`Seeding ${SMALL.toLocaleString()} runs of the target tenant…`);
  await seedCompletedRuns(database.db, { workspaceId: workspace.id, tenantIds: [target.id], count: SMALL, newest: now, perDay: TARGET_PER_DAY });
  await seedActiveRuns(database.db, workspace.id, target.id, now);

  const app = await buildApp({ db: database.db, config: { ...loadConfig({}), logLevel: 'silent' }, keys: deriveKeys('bench-secret-key-0123456789') }, { serveWebApp: false });
  const phases: PhaseResult[] = [];
  phases.push(await runPhase('10 thousand', SMALL, database, app, token, target.id, captured));

  log(`Adding ${(LARGE - SMALL).toLocaleString()} older runs of the target tenant…`);
  await seedCompletedRuns(database.db, { workspaceId: workspace.id, tenantIds: [target.id], count: LARGE - SMALL, newest: now, perDay: TARGET_PER_DAY }, SMALL);
  phases.push(await runPhase('1 million', LARGE, database, app, token, target.id, captured));

  await app.close();
  const reportPath = path.resolve('docs/PERFORMANCE.md');
  const verdicts = writePerformanceReport(reportPath, { phases, otherRuns: OTHER_RUNS, perDay: TARGET_PER_DAY, samples: SAMPLES });
  for (const line of verdicts) log(line);
  await database.close();
  log(`Results written to ${reportPath}`);
}

async function runPhase(
  label: string,
  runCount: number,
  database: DatabaseHandle,
  app: Awaited<ReturnType<typeof buildApp>>,
  token: string,
  tenantId: number,
  captured: CapturedQuery[],
): Promise<PhaseResult> {
  await sql`VACUUM ANALYZE operation_runs`.execute(database.db);
  await sql`ANALYZE operation_run_tallies`.execute(database.db);
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}: ${response.body}`);
  };
  const sample = await sql<{ id: number }>`SELECT id FROM operation_runs WHERE tenant_id = ${tenantId} ORDER BY random() LIMIT 100`.execute(database.db);
  const runIds = sample.rows.map((r) => r.id);
  let next = 0;

  const requests: Array<[string, () => string]> = [
    ['operations KPIs', () => `/api/tenants/${tenantId}/operations/kpis`],
    ...tabs.map((tab): [string, () => string] => [`first page, tab ${tab}`, () => `/api/tenants/${tenantId}/operations?tab=${tab}`]),
    ['run viewer', () => `/api/operations/${runIds[next++ % runIds.length]}`],
  ];
  const timings: Timing[] = [];
  const queries: Record<string, CapturedQuery[]> = {};
  for (const [name, urlOf] of requests) {
    log(`  ${label}: ${name}`);
    captured.length = 0;
    await get(urlOf());
    queries[name] = [...captured];
    timings.push(await measure(name, () => get(urlOf()), SAMPLES));
  }
  return { label, runCount, timings, queries, plans: await explainAll(database, queries) };
}

// The plan of every query behind each request, for the report: where a target is missed, read these.
async function explainAll(database: DatabaseHandle, queries: Record<string, CapturedQuery[]>): Promise<Record<string, string[]>> {
  const plans: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(queries)) {
    plans[name] = [];
    for (const query of list.filter((q) => /^\s*(select|with)/i.test(q.sql))) {
      const result = await database.raw.executeSql(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${query.sql}`, [...query.parameters]);
      const lines = (result.rows as Array<Record<string, string>>).map((row) => row['QUERY PLAN'] ?? '');
      plans[name].push(`${query.sql}\n${lines.join('\n')}`);
    }
  }
  return plans;
}

interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
