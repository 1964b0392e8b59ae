import { copyFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { createApiToken } from '../src/use-cases/accounts/create-api-token';
import { recreateBenchDatabase } from './bench-database';
import { loadBench, startBenchServer } from './bench-server';
import { seedBenchWorkspace } from './bench-workspace';
import { pidsNamed, startCpuCount } from './cpu-time';
import { writeReportSection } from './report-section';
import { seedFindings } from './seed-findings';
import { seedItems } from './seed-items';
import { seedActiveRuns, seedCompletedRuns } from './seed-runs';

// `npm run bench:load` (issues 10 and 20): a real `tenantatlas serve --no-worker` process on PostgreSQL under
// autocannon — 200 connections without pause for 30 s per route. Realistic data: the measured tenant has 1 million
// runs, 200 thousand inventory items and 100 thousand findings, among 500 tenants of the workspace (each other one
// with 200 runs and 20 findings). Latencies are each response's own time as autocannon saw it; p99 is computed from
// all of them. The machine's cores are shared (with PostgreSQL, autocannon and whatever else runs), so absolute
// numbers move with the neighbours: every route is also reported as a ratio against the operations KPIs route,
// measured in the same run before the first route and after the last one (the ratio uses their mean). The CPU
// seconds of the server, PostgreSQL and autocannon are counted to show where the cores went.
//
// BENCH_LOAD_SECONDS (30) and BENCH_LOAD_CONNECTIONS (200) size a measurement; BENCH_LOAD_REUSE=1 keeps the database
// a previous run seeded (same sizes) instead of seeding it again; BENCH_LOAD_ROUTES=portfolio,findings measures only the
// routes whose names contain one of the words (the KPI reference is always measured); BENCH_LOAD_TWO=1 also measures
// two server processes sharing the connections (issue 10's scaling check). A run with BENCH_LOAD_ROUTES set prints
// its results and leaves docs/PERFORMANCE.md alone.
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 200);
const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 1_000_000);
const ITEMS = Number(process.env.BENCH_LOAD_ITEMS ?? 200_000);
const FINDINGS = Number(process.env.BENCH_LOAD_FINDINGS ?? 100_000);
const REUSE = process.env.BENCH_LOAD_REUSE === '1';
const ONLY = process.env.BENCH_LOAD_ROUTES?.split(',').map((word) => word.trim()).filter(Boolean);
const TWO = process.env.BENCH_LOAD_TWO === '1';
const TENANTS = 500;
const WARM_UP_SECONDS = 2;
const repoRoot = path.resolve(import.meta.dirname, '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** autocannon against each URL at once, connections shared out; per-response latencies pooled. */
async function load(urls: string[], token: string, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const results = await Promise.all(
    urls.map(
      (url) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon(
            { url, connections: Math.round(CONNECTIONS / urls.length), duration: seconds, headers: { authorization: `Bearer ${token}` } },
            (error, result) => (error ? reject(error) : resolve(result)),
          );
          instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
        }),
    ),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    requestsPerSecond: results.reduce((sum, result) => sum + result.requests.total, 0) / seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors: results.reduce((sum, result) => sum + result.errors + result.timeouts, 0),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
  };
}

const seedMarker = `runs=${RUNS} items=${ITEMS} findings=${FINDINGS} tenants=${TENANTS}`;

/** The benchmark's database, seeded (or, with BENCH_LOAD_REUSE=1, as a previous run of the same sizes left it). */
async function benchDatabase(): Promise<{ databaseUrl: string; token: string; workspaceId: number; target: number }> {
  const url = new URL(adminUrl);
  url.pathname = `/${loadBench.databaseName}`;
  if (REUSE) {
    const client = new pg.Client({ connectionString: url.toString() });
    const seeded = await client.connect().then(
      async () => (await client.query<{ d: string | null }>(`SELECT obj_description('tenants'::regclass) AS d`)).rows[0]?.d === seedMarker,
      () => false,
    );
    await client.end().catch(() => undefined);
    if (seeded) {
      const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
      await migrateToLatest(database.db as never);
      const { token } = await createApiToken(database.db, { email: 'bench@example.com', name: 'load' });
      const { rows } = await sql<{ id: number; workspace_id: number }>`SELECT id, workspace_id FROM tenants WHERE name = 'Target'`.execute(database.db);
      for (const table of ['operation_runs', 'inventory_items', 'findings', 'tenants']) await sql.raw(`VACUUM ANALYZE ${table}`).execute(database.db);
      await database.close();
      log(`Reusing ${loadBench.databaseName} (${seedMarker}).`);
      return { databaseUrl: url.toString(), token, workspaceId: rows[0]!.workspace_id, target: rows[0]!.id };
    }
  }
  const databaseUrl = await recreateBenchDatabase(adminUrl, loadBench.databaseName);
  const database = await openDatabase({ databaseUrl, poolSize: 4 });
  await migrateToLatest(database.db as never);
  const { workspace, token, target, others } = await seedBenchWorkspace(database.db, TENANTS);
  const now = new Date();
  log(`Seeding: ${RUNS.toLocaleString('en')} runs, ${ITEMS.toLocaleString('en')} items and ${FINDINGS.toLocaleString('en')} findings of the target tenant, 200 runs and 20 findings of each other one…`);
  await seedCompletedRuns(database.db, { workspaceId: workspace.id, tenantIds: [target], count: RUNS, newest: now, perDay: 500 });
  await seedActiveRuns(database.db, workspace.id, target, now);
  await seedCompletedRuns(database.db, { workspaceId: workspace.id, tenantIds: others, count: others.length * 200, newest: now, perDay: 50 });
  await seedItems(database.db, target, ITEMS);
  await seedFindings(database.db, [target], FINDINGS, 0);
  await seedFindings(database.db, others, 20, 0);
  for (const table of ['operation_runs', 'inventory_items', 'findings', 'tenants']) await sql.raw(`VACUUM ANALYZE ${table}`).execute(database.db);
  await sql.raw(`COMMENT ON TABLE tenants IS '${seedMarker}'`).execute(database.db);
  await database.close();
  return { databaseUrl, token, workspaceId: workspace.id, target };
}

async function main() {
  const { databaseUrl, token, workspaceId, target } = await benchDatabase();
  const reference: [string, string] = ['operations KPIs', `/api/tenants/${target}/operations/kpis`];
  const routes: Array<[string, string]> = [
    ['tenant dashboard', `/api/tenants/${target}/dashboard`],
    ['portfolio (500 tenants)', `/api/workspaces/${workspaceId}/portfolio`],
    ['inventory items (first page)', `/api/tenants/${target}/inventory/items`],
    ['tenant list (first page)', `/api/workspaces/${workspaceId}/tenants`],
    ['findings (first page)', `/api/tenants/${target}/findings`],
    ['inventory KPI header', `/api/tenants/${target}/inventory/kpis`],
  ].filter(([name]) => !ONLY || ONLY.some((word) => name!.includes(word))) as Array<[string, string]>;
  // The build `npm run bench:load` just made, copied next to itself: others editing src/ meanwhile (which makes
  // bin/tenantatlas.mjs fall back to the sources) or rebuilding cannot change what is measured halfway through.
  const script = path.join(repoRoot, `dist/server/bench-load-${process.pid}.mjs`);
  copyFileSync(path.join(repoRoot, 'dist/server/cli.mjs'), script);
  const servers = [await startBenchServer({ databaseUrl, secretKey: loadBench.secretKey, script })];
  if (TWO) servers.push(await startBenchServer({ databaseUrl, secretKey: loadBench.secretKey, script }));
  const one = servers[0]!;

  /** Load with the CPU of the servers, PostgreSQL and this process (autocannon) counted, in cores (CPU s / wall s). */
  const measured = async (route: string, on: typeof servers) => {
    // Requests autocannon gave up on (10 s timeout) may still be queued in the server: wait until a request of the
    // reference route answers within 100 ms, so no measurement pays for the backlog of the one before.
    for (let started = Date.now(); Date.now() - started < 120_000; ) {
      const before = performance.now();
      await fetch(`${one.url}${reference[1]}`, { headers: { authorization: `Bearer ${token}` } }).then((response) => response.arrayBuffer());
      if (performance.now() - before < 100) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await load(on.map((server) => `${server.url}${route}`), token, WARM_UP_SECONDS);
    const cpu = startCpuCount({ servers: () => on.map((server) => server.child.pid!), postgres: () => pidsNamed('postgres'), autocannon: () => [process.pid] });
    const result = await load(on.map((server) => `${server.url}${route}`), token, SECONDS);
    const seconds = cpu.stop();
    const cores = (name: string) => (seconds[name]! / SECONDS).toFixed(2);
    return { ...result, cpu: `${cores('servers')} / ${cores('postgres')} / ${cores('autocannon')}` };
  };
  const summary = (result: LoadResult & { cpu: string }) =>
    `${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}; cores server(s)/postgres/autocannon ${result.cpu}`;
  const measurements: Array<{ name: string; result: LoadResult & { cpu: string }; two?: LoadResult & { cpu: string } }> = [];
  let referenceRates: number[] = [];
  try {
    for (const [, route] of [reference, ...routes]) {
      const check = await fetch(`${one.url}${route}`, { headers: { authorization: `Bearer ${token}` } });
      if (!check.ok) throw new Error(`${route} answered ${check.status}: ${await check.text()}`);
    }
    const measureReference = async (when: string) => {
      log(`${reference[0]} (reference, ${when})…`);
      const result = await measured(reference[1], [one]);
      log(`  ${summary(result)}`);
      referenceRates = [...referenceRates, result.requestsPerSecond];
      return result;
    };
    const first = await measureReference('first');
    for (const [name, route] of routes) {
      log(`${name}…`);
      const result = await measured(route, [one]);
      log(`  ${summary(result)}`);
      const two = TWO ? await measured(route, servers) : undefined;
      if (two) log(`  two processes: ${summary(two)}`);
      measurements.push({ name, result, two });
    }
    const last = await measureReference('last');
    measurements.unshift({ name: `${reference[0]} (reference: first / last)`, result: { ...first, requestsPerSecond: (first.requestsPerSecond + last.requestsPerSecond) / 2, p99: Math.max(first.p99, last.p99), p95: Math.max(first.p95, last.p95), p50: Math.max(first.p50, last.p50), errors: first.errors + last.errors, non2xx: first.non2xx + last.non2xx, cpu: `${first.cpu} · ${last.cpu}` } });
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
    rmSync(script, { force: true });
  }
  const referenceRate = referenceRates.reduce((sum, rate) => sum + rate, 0) / referenceRates.length;
  const rows = measurements.map(({ name, result, two }) => {
    const ratio = result.requestsPerSecond / referenceRate;
    const errors = result.errors + result.non2xx;
    const met = ratio >= 0.7 && errors === 0 && result.p99 <= 500;
    const rate = name.startsWith(reference[0]) ? `${referenceRates.map((r) => r.toFixed(0)).join(' / ')} req/s` : `${result.requestsPerSecond.toFixed(0)} req/s`;
    const twoCell = two ? ` ${two.requestsPerSecond.toFixed(0)} req/s (${(two.requestsPerSecond / result.requestsPerSecond).toFixed(2)}×) |` : '';
    return `| ${name} | ${rate} | ${ratio.toFixed(2)}× | ${result.p50} / ${result.p95} / ${result.p99} ms | ${errors} | ${met ? 'met' : '**missed**'} | ${result.cpu} |${twoCell}`;
  });
  const table = [
    `| route | requests/s | ratio to the KPIs route | p50 / p95 / p99 | errors | target: ≥ 0.7×, p99 ≤ 500 ms, 0 errors | cores: server / PostgreSQL / autocannon |${TWO ? ' two processes |' : ''}`,
    `|---|---|---|---|---|---|---|${TWO ? '---|' : ''}`,
    ...rows,
  ];
  log(table.join('\n'));
  if (ONLY) return;
  writeReportSection(path.join(repoRoot, 'docs/PERFORMANCE.md'), 'load', [
    '## Under load: the console\'s read routes on one server process (issues 10 and 20)',
    '',
    `Generated by \`npm run bench:load\` (\`bench/load.ts\`) on ${new Date().toISOString().slice(0, 10)}: local PostgreSQL, ${os.cpus().length} cores shared by PostgreSQL, the`,
    `server process, autocannon itself and whatever else ran on the machine; compiled server, JSON logs at info. ${CONNECTIONS} connections without pause for ${SECONDS} s per route`,
    `(after ${WARM_UP_SECONDS} s of warm-up); the tenant has ${RUNS.toLocaleString('en')} runs, ${ITEMS.toLocaleString('en')} inventory items and ${FINDINGS.toLocaleString('en')} findings, the workspace ${TENANTS} tenants.`,
    'The operations KPIs route is measured first and last; each ratio divides by the mean of the two. "Cores" are CPU seconds per second.',
    '',
    ...table,
  ]);
}

await main();
