import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { recreateBenchDatabase } from './bench-database';
import { loadBench, startBenchServer } from './bench-server';
import { seedBenchWorkspace } from './bench-workspace';
import { pidsNamed, startCpuCount } from './cpu-time';
import { writeReportSection } from './report-section';
import { seedFindings } from './seed-findings';
import { seedItems } from './seed-items';
import { seedActiveRuns, seedCompletedRuns } from './seed-runs';

// `npm run bench:load` (issue 10): real `tenantatlas serve --no-worker` processes on PostgreSQL under autocannon —
// 200 connections without pause for 30 s per route, against one server process and then two (each taking half the
// connections, as behind a load balancer). Realistic data: the measured tenant has 1 million runs, 200 thousand
// inventory items and 100 thousand findings, among 500 tenants of the workspace. Latencies are each response's own
// time as autocannon saw it; p95 is computed from all of them. Each route is also measured once with the access cache
// off (TENANTATLAS_ACCESS_CACHE_SECONDS=0, how every request worked before it), and the CPU seconds of the servers,
// PostgreSQL and autocannon are counted, to show where the two cores went.
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 200);
const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 1_000_000);
const ITEMS = Number(process.env.BENCH_LOAD_ITEMS ?? 200_000);
const FINDINGS = Number(process.env.BENCH_LOAD_FINDINGS ?? 100_000);
const TENANTS = 500;
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

const startServer = (databaseUrl: string, env: Record<string, string> = {}) => startBenchServer({ databaseUrl, secretKey: loadBench.secretKey, env });

/** autocannon against each URL at once, connections shared out; per-response latencies pooled. */
async function load(urls: string[], token: string): Promise<LoadResult> {
  const latencies: number[] = [];
  const results = await Promise.all(
    urls.map(
      (url) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon(
            { url, connections: Math.round(CONNECTIONS / urls.length), duration: SECONDS, headers: { authorization: `Bearer ${token}` } },
            (error, result) => (error ? reject(error) : resolve(result)),
          );
          instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
        }),
    ),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    requestsPerSecond: results.reduce((sum, result) => sum + result.requests.total, 0) / SECONDS,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors: results.reduce((sum, result) => sum + result.errors + result.timeouts, 0),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
  };
}

async function main() {
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
  await database.close();

  const routes: Array<[string, string]> = [
    ['tenant list (first page)', `/api/workspaces/${workspace.id}/tenants`],
    ['operations KPIs', `/api/tenants/${target}/operations/kpis`],
    ['inventory KPI header', `/api/tenants/${target}/inventory/kpis`],
    ['tenant dashboard', `/api/tenants/${target}/dashboard`],
  ];
  const servers = [await startServer(databaseUrl), await startServer(databaseUrl)];
  const uncached = await startServer(databaseUrl, { TENANTATLAS_ACCESS_CACHE_SECONDS: '0' });
  const rows: string[] = [];
  const cpuRows: string[] = [];
  /** Load with the CPU of servers, PostgreSQL and this process (autocannon) counted, in cores (CPU s / wall s). */
  const measured = async (urls: string[], serverPids: number[]) => {
    const cpu = startCpuCount({ servers: () => serverPids, postgres: () => pidsNamed('postgres'), autocannon: () => [process.pid] });
    const result = await load(urls, token);
    const seconds = cpu.stop();
    const cores = (name: string) => (seconds[name]! / SECONDS).toFixed(2);
    return { ...result, cpu: `${cores('servers')} / ${cores('postgres')} / ${cores('autocannon')}` };
  };
  try {
    for (const [name, route] of routes) {
      const check = await fetch(`${servers[0]!.url}${route}`, { headers: { authorization: `Bearer ${token}` } });
      if (!check.ok) throw new Error(`${route} answered ${check.status}: ${await check.text()}`);
      const summary = (result: LoadResult & { cpu: string }) =>
        `${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}; cores server(s)/postgres/autocannon ${result.cpu}`;
      log(`${name}: one process, access cache off…`);
      const before = await measured([`${uncached.url}${route}`], [uncached.child.pid!]);
      log(`  ${summary(before)}`);
      log(`${name}: one process…`);
      const one = await measured([`${servers[0]!.url}${route}`], [servers[0]!.child.pid!]);
      log(`  ${summary(one)}`);
      log(`${name}: two processes…`);
      const two = await measured(servers.map((server) => `${server.url}${route}`), servers.map((server) => server.child.pid!));
      log(`  ${summary(two)}`);
      const cell = (result: LoadResult) => `${result.requestsPerSecond.toFixed(0)} req/s · ${result.p50} / ${result.p95} / ${result.p99} ms · ${result.errors + result.non2xx} errors`;
      const met = one.requestsPerSecond >= 1000 && one.errors + one.non2xx === 0 && one.p99 <= 500;
      const scale = two.requestsPerSecond / one.requestsPerSecond;
      rows.push(`| ${name} | ${cell(before)} | ${cell(one)} | ${met ? 'met' : '**missed**'} | ${cell(two)} | ${scale.toFixed(2)}× ${scale >= 1.6 ? 'met' : '**missed**'} |`);
      cpuRows.push(`| ${name} | ${before.cpu} | ${one.cpu} | ${two.cpu} |`);
    }
  } finally {
    for (const server of [...servers, uncached]) server.child.kill('SIGTERM');
  }
  writeReportSection(path.join(repoRoot, 'docs/PERFORMANCE.md'), 'load', [
    '## Under load: one and two server processes (issue 10)',
    '',
    `Generated by \`npm run bench:load\` (\`bench/load.ts\`) on ${new Date().toISOString().slice(0, 10)}: local PostgreSQL, ${os.cpus().length} cores shared by PostgreSQL, the`,
    `server processes and autocannon itself; compiled server, JSON logs at info. ${CONNECTIONS} connections without pause for ${SECONDS} s per route; the`,
    `tenant has ${RUNS.toLocaleString('en')} runs, ${ITEMS.toLocaleString('en')} inventory items and ${FINDINGS.toLocaleString('en')} findings, the workspace ${TENANTS} tenants. Latency p50 / p95 / p99.`,
    '"Before" is one process with the access cache off (`TENANTATLAS_ACCESS_CACHE_SECONDS=0`): a token and an ownership query per request, as until issue 10.',
    '',
    '| route | before: one process, access asked every request | one process | target: ≥ 1,000 req/s, 0 errors, p99 ≤ 500 ms | two processes | target: ≥ 1.6× one |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `Where the ${os.cpus().length} cores went during each measurement: CPU seconds per second of the server process(es) / every PostgreSQL process / autocannon.`,
    '',
    '| route | before | one process | two processes |',
    '|---|---|---|---|',
    ...cpuRows,
  ]);
}

await main();
