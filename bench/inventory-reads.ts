import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import type { Database } from '../src/db/schema';
import { buildApp } from '../src/http/app';
import { loadConfig } from '../src/config';
import { policyTypes } from '../src/domain/inventory';
import { deriveKeys } from '../src/security/secret-key';
import { createApiToken } from '../src/use-cases/accounts/create-api-token';
import { createUserWithMembership } from '../src/use-cases/accounts/create-user';
import { createWorkspace } from '../src/use-cases/accounts/create-workspace';
import { recreateBenchDatabase } from './bench-database';
import { measure, type Timing } from './measure';
import { writeReportSection } from './report-section';

// The inventory hub's reads (issue 6): the KPI header, the first items page and a search, for a tenant with
// 10 thousand and one with 200 thousand items, while 1 million items of other tenants share the table;
// through the real app in process (route, access hook, queries, serialization).
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SMALL = 10_000;
const LARGE = Number(process.env.BENCH_INVENTORY_ITEMS ?? 200_000);
const OTHER = Number(process.env.BENCH_OTHER_ITEMS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const TARGET_P95_MS = 50;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function seedItems(db: Kysely<Database>, tenantId: number, count: number) {
  const types = policyTypes.map((entry) => entry.type);
  // Realistic names (a prefix per type, a number, a hash) and a small settings payload; every 50th item missing.
  await sql`
    INSERT INTO inventory_items (tenant_id, policy_type, external_id, display_name, category, platform, content_hash, payload,
                                 missing_since_sync_run_id, content_changed_at)
    SELECT ${tenantId}, (${types}::text[])[1 + g % ${types.length}], gen_random_uuid()::text,
           'Policy ' || lpad(g::text, 7, '0') || ' ' || substr(md5(g::text), 1, 8),
           'Configuration', (ARRAY['windows','macos','ios','android','all'])[1 + g % 5], md5(g::text),
           jsonb_build_object('displayName', 'Policy ' || g, 'settings', jsonb_build_array(jsonb_build_object('id', g, 'value', md5(g::text)))),
           NULL, now() - (g || ' seconds')::interval
    FROM generate_series(1, ${count}) g`.execute(db);
}

async function main() {
  const url = await recreateBenchDatabase(adminUrl, 'tenantatlas_bench_inventory');
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  await migrateToLatest(database.db as never);
  const workspace = await createWorkspace(database.db, { name: 'Bench', slug: 'bench' });
  await createUserWithMembership(database.db, { email: 'bench@example.com', name: 'Bench', workspace: 'bench', role: 'owner', password: 'bench-password' });
  const { token } = await createApiToken(database.db, { email: 'bench@example.com' });
  const tenant = async (name: string, workspaceId: number) =>
    (await sql<{ id: number }>`INSERT INTO tenants (workspace_id, name, status) VALUES (${workspaceId}, ${name}, 'active') RETURNING id`.execute(database.db)).rows[0]!.id;
  const small = await tenant('Small', workspace.id);
  const large = await tenant('Large', workspace.id);
  const other = await createWorkspace(database.db, { name: 'Others', slug: 'others' });
  log(`Seeding ${OTHER.toLocaleString('en')} items of 50 other tenants, ${LARGE.toLocaleString('en')} and ${SMALL.toLocaleString('en')} of the measured ones…`);
  for (let index = 0; index < 50; index += 1) await seedItems(database.db, await tenant(`Other ${index}`, other.id), OTHER / 50);
  await seedItems(database.db, large, LARGE);
  await seedItems(database.db, small, SMALL);
  await sql`VACUUM ANALYZE inventory_items`.execute(database.db);

  const app = await buildApp({ db: database.db, config: { ...loadConfig({}), logLevel: 'silent' }, keys: deriveKeys('bench-secret-key-0123456789') }, { serveWebApp: false });
  const get = (url: string) => async () => {
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
  };
  const requests = (tenantId: number) => [
    ['KPI header', `/api/tenants/${tenantId}/inventory/kpis`],
    ['first items page (50, by name)', `/api/tenants/${tenantId}/inventory/items`],
    ['items by last change', `/api/tenants/${tenantId}/inventory/items?sort=changed`],
    ['search "0004242" (1 match)', `/api/tenants/${tenantId}/inventory/items?q=0004242`],
    ['search "policy 00" (many)', `/api/tenants/${tenantId}/inventory/items?q=policy%2000`],
    ['type filter', `/api/tenants/${tenantId}/inventory/items?policy_type=deviceCompliancePolicy`],
  ] as const;
  const rows: Array<{ name: string; small: Timing; large: Timing }> = [];
  for (const [index, [name]] of requests(small).entries()) {
    const smallTiming = await measure(`${name} (${SMALL})`, get(requests(small)[index]![1]), SAMPLES);
    const largeTiming = await measure(`${name} (${LARGE})`, get(requests(large)[index]![1]), SAMPLES);
    rows.push({ name, small: smallTiming, large: largeTiming });
    log(`${name}: p95 ${smallTiming.p95_ms} ms at ${SMALL}, ${largeTiming.p95_ms} ms at ${LARGE}`);
  }
  await app.close();
  await database.close();

  const verdict = (row: (typeof rows)[number]) => {
    const growth = row.large.p95_ms / Math.max(row.small.p95_ms, 0.1);
    const ok = row.large.p95_ms <= TARGET_P95_MS && growth <= 2;
    return `${Math.round(growth * 100) / 100}× ${ok ? '' : '**missed**'}`;
  };
  writeReportSection(path.resolve('docs/PERFORMANCE.md'), 'inventory-reads', [
    '## Inventory hub reads (issue 6)',
    '',
    `Generated by \`npm run bench\` (\`bench/inventory-reads.ts\`) on ${new Date().toISOString().slice(0, 10)}: local PostgreSQL, 2 cores; one tenant with`,
    `${SMALL.toLocaleString('en')} items and one with ${LARGE.toLocaleString('en')}, among ${OTHER.toLocaleString('en')} items of 50 other tenants; ${SAMPLES} samples per request`,
    'through the real app in process. Targets: p95 ≤ 50 ms at the large tenant, and p95 growth from the small to the large tenant ≤ 2×.',
    '',
    `| request | p95 at ${SMALL.toLocaleString('en')} | p95 at ${LARGE.toLocaleString('en')} | growth |`,
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.name} | ${row.small.p95_ms} ms | ${row.large.p95_ms} ms | ${verdict(row)} |`),
    '',
    'Why: the header reads `inventory_item_tallies` (one row per type, kept by statement triggers) and the newest sync row; pages are',
    'range scans of the (tenant_id, name_key, id), (tenant_id, policy_type, name_key, id) and (tenant_id, content_changed_at, id) indexes',
    'of migration 0008 that stop after 51 rows; a search walks the tenant\'s name index and stops at the 51st match.',
  ]);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
