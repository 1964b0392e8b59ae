import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphSim, type GraphSim } from '../../src/graph-sim';
import type { ZodApp } from '../../src/http/app-context';
import { consoleLinks } from '../../src/http/console-paths';
import { readPortfolio } from '../../src/use-cases/dashboard/read-portfolio';
import { readTenantDashboard } from '../../src/use-cases/dashboard/read-tenant-dashboard';
import { bearer, buildTestApp, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';
import { insertTenant } from '../support/operations-harness';

// SPEC §3 dashboard and the issue-7 portfolio against expectations computed by hand. `now` is fixed at
//   2026-03-15T12:00:00.000Z; the 7-day edge is 2026-03-08T12:00:00.000Z
// and runs complete exactly on it and 1 ms before it. A neighbour tenant in the same workspace and a tenant of
// another workspace hold the same kinds of data, and none of it may be counted.
const NOW = new Date('2026-03-15T12:00:00.000Z');
const EDGE = '2026-03-08T12:00:00.000Z';

interface RunSeed {
  name: string;
  type: string;
  status: 'queued' | 'running' | 'completed';
  outcome?: 'succeeded' | 'partial' | 'failed' | 'cancelled';
  created: string;
  completed?: string;
}

const runs: RunSeed[] = [
  { name: 'scan-old', type: 'drift.scan', status: 'completed', outcome: 'succeeded', created: '2026-03-01T10:00:00Z', completed: '2026-03-01T10:01:00Z' },
  { name: 'scan-edge', type: 'drift.scan', status: 'completed', outcome: 'partial', created: '2026-03-08T11:59:00Z', completed: EDGE },
  { name: 'scan-failed', type: 'drift.scan', status: 'completed', outcome: 'failed', created: '2026-03-10T09:00:00Z', completed: '2026-03-10T09:00:05Z' },
  { name: 'scan-running', type: 'drift.scan', status: 'running', created: '2026-03-15T11:00:00Z' },
  { name: 'sync-before-edge', type: 'inventory.sync', status: 'completed', outcome: 'failed', created: '2026-03-08T11:00:00Z', completed: '2026-03-08T11:59:59.999Z' },
  { name: 'sync-on-edge', type: 'inventory.sync', status: 'completed', outcome: 'failed', created: '2026-03-08T11:30:00Z', completed: EDGE },
  { name: 'sync-partial', type: 'inventory.sync', status: 'completed', outcome: 'partial', created: '2026-03-14T08:00:00Z', completed: '2026-03-14T08:10:00Z' },
  { name: 'verify-failed', type: 'provider.verify', status: 'completed', outcome: 'failed', created: '2026-03-14T09:00:00Z', completed: '2026-03-14T09:00:01Z' },
];

interface FindingSeed {
  severity: string;
  status: 'open' | 'closed';
  closed_reason?: string;
}

// Open: 2 critical, 1 high, 3 medium, 0 low (and one stored severity the spec does not know). Closed: 3.
const findings: FindingSeed[] = [
  { severity: 'critical', status: 'open' },
  { severity: 'critical', status: 'open' },
  { severity: 'high', status: 'open' },
  { severity: 'medium', status: 'open' },
  { severity: 'medium', status: 'open' },
  { severity: 'medium', status: 'open' },
  { severity: 'urgent', status: 'open' },
  { severity: 'high', status: 'closed', closed_reason: 'resolved' },
  { severity: 'high', status: 'closed', closed_reason: 'resolved' },
  { severity: 'critical', status: 'closed', closed_reason: 'risk_accepted' },
  { severity: 'low', status: 'closed', closed_reason: 'false_positive' },
  { severity: 'low', status: 'open' },
];

async function seedRuns(database: TestDatabase, workspaceId: number, tenantId: number): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const run of runs) {
    const result = await sql<{ id: number }>`
      INSERT INTO operation_runs (workspace_id, tenant_id, type, status, outcome, selection_hash, created_at, started_at, completed_at)
      VALUES (${workspaceId}, ${tenantId}, ${run.type}, ${run.status}, ${run.outcome ?? 'pending'}, ${run.name},
              ${run.created}::timestamptz, ${run.created}::timestamptz, ${run.completed ?? null}::timestamptz)
      RETURNING id`.execute(database.db);
    ids[run.name] = result.rows[0]!.id;
  }
  return ids;
}

async function seedFindings(database: TestDatabase, tenantId: number, seeds: FindingSeed[]): Promise<number[]> {
  const ids: number[] = [];
  for (const [index, finding] of seeds.entries()) {
    const result = await sql<{ id: number }>`
      INSERT INTO findings (tenant_id, kind, severity, status, closed_reason, fingerprint, policy_type, created_at)
      VALUES (${tenantId}, 'changed_policy', ${finding.severity}, ${finding.status}, ${finding.closed_reason ?? null}, ${`fp-${tenantId}-${index}`},
              'settingsCatalogPolicy', ${new Date(Date.parse('2026-03-01T00:00:00Z') + index * 60_000).toISOString()}::timestamptz)
      RETURNING id`.execute(database.db);
    ids.push(result.rows[0]!.id);
  }
  return ids;
}

describe.each(databaseTargets())('tenant dashboard and workspace portfolio on %s', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let viewer: TestMember;
  let workspaceId: number;
  let tenantId: number;
  let neighbourId: number;
  let emptyActiveId: number;
  let draftId: number;
  let runIds: Record<string, number>;
  let findingIds: number[];
  const links = (id: number) => consoleLinks('board', id);

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database);
    workspaceId = (await createTestWorkspace(database, 'board')).id;
    viewer = await createMember(database, 'board', 'viewer@board.example', 'readonly');
    tenantId = await insertTenant(database, workspaceId, 'Measured', 'active');
    neighbourId = await insertTenant(database, workspaceId, 'Neighbour', 'active');
    emptyActiveId = await insertTenant(database, workspaceId, 'Empty active', 'active');
    draftId = await insertTenant(database, workspaceId, 'Draft', 'draft');
    runIds = await seedRuns(database, workspaceId, tenantId);
    findingIds = await seedFindings(database, tenantId, findings);
    // The neighbour: one open high finding and a fresh successful scan.
    await seedFindings(database, neighbourId, [{ severity: 'high', status: 'open' }]);
    await sql`INSERT INTO operation_runs (workspace_id, tenant_id, type, status, outcome, selection_hash, created_at, completed_at)
              VALUES (${workspaceId}, ${neighbourId}, 'drift.scan', 'completed', 'succeeded', 'n', '2026-03-15T10:00:00Z', '2026-03-15T10:00:10Z')`.execute(database.db);
    // Another workspace's tenant with everything the measured one has.
    const otherWorkspace = (await createTestWorkspace(database, 'elsewhere')).id;
    const stranger = await insertTenant(database, otherWorkspace, 'Stranger', 'active');
    await seedRuns(database, otherWorkspace, stranger);
    await seedFindings(database, stranger, findings);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const dashboardAt = (id: number, now: Date) => readTenantDashboard(database.db, { id }, links(id), now);

  it('counts drift, operations health and what needs attention exactly at the 7-day edges', async () => {
    const dashboard = await dashboardAt(tenantId, NOW);
    expect(dashboard.drift.open_by_severity).toEqual({ critical: 2, high: 1, medium: 3, low: 1 });
    expect(dashboard.drift.open_total).toBe(7);
    // The newest completed scan that succeeded or was partial, completed exactly 7 days ago: not older, so not
    // stale — and partial, so not fresh either.
    expect(dashboard.drift.last_scan_at?.toISOString()).toBe(EDGE);
    expect(dashboard.drift.stale).toBe(false);
    expect(dashboard.drift.freshness).toBe('partial');
    // Active: the running scan. Failed or partial since the edge: scan-edge (partial), scan-failed, sync-on-edge,
    // sync-partial, verify-failed; sync-before-edge is 1 ms early.
    expect(dashboard.operations).toEqual({ active: 1, failed_or_partial_7d: 5 });
    expect(dashboard.drift.needs_attention).toEqual([
      { kind: 'open_findings', title: '2 open critical findings', count: 2, href: '/w/board/tenants/' + tenantId + '/findings?status=open&severity=critical' },
      { kind: 'open_findings', title: '1 open high finding', count: 1, href: '/w/board/tenants/' + tenantId + '/findings?status=open&severity=high' },
      // Every run that failed or was partial in the window, newest first: the same five runs as failed_or_partial_7d.
      { kind: 'failed_run', title: 'Verify provider connection failed in the last 7 days', count: 1, href: `/operations/${runIds['verify-failed']}` },
      { kind: 'partial_run', title: 'Inventory sync was partial in the last 7 days', count: 1, href: `/operations/${runIds['sync-partial']}` },
      { kind: 'failed_run', title: 'Drift scan failed in the last 7 days', count: 1, href: `/operations/${runIds['scan-failed']}` },
      { kind: 'partial_run', title: 'Drift scan was partial in the last 7 days', count: 1, href: `/operations/${runIds['scan-edge']}` },
      { kind: 'failed_run', title: 'Inventory sync failed in the last 7 days', count: 1, href: `/operations/${runIds['sync-on-edge']}` },
    ]);
  });

  it('moves runs across the edges as now moves', async () => {
    // 1 ms later the edge scan is older than 7 days (stale) and the edge sync failure is out of the window.
    const later = await dashboardAt(tenantId, new Date(NOW.getTime() + 1));
    expect(later.drift.stale).toBe(true);
    expect(later.drift.needs_attention.map((item) => [item.kind, item.count, item.href])).toEqual([
      ['open_findings', 2, expect.stringContaining('severity=critical')],
      ['open_findings', 1, expect.stringContaining('severity=high')],
      ['failed_run', 1, `/operations/${runIds['verify-failed']}`],
      ['partial_run', 1, `/operations/${runIds['sync-partial']}`],
      ['failed_run', 1, `/operations/${runIds['scan-failed']}`],
      ['stale_drift', 1, `/w/board/tenants/${tenantId}#scan-now`],
    ]);
    expect(later.drift.freshness).toBe('stale');
    expect(later.drift.needs_attention.at(-1)?.title).toBe('Drift is stale: no scan completed in the last 7 days');
    // 1 ms earlier the sync that failed 1 ms before the edge counts too; the link opens the newest failure.
    const earlier = await dashboardAt(tenantId, new Date(NOW.getTime() - 1));
    expect(earlier.drift.needs_attention.find((item) => item.title.startsWith('Inventory sync failed'))).toEqual({
      kind: 'failed_run',
      title: 'Inventory sync failed 2 times in the last 7 days',
      count: 2,
      href: `/operations/${runIds['sync-on-edge']}`,
    });
  });

  it('keeps the open counts exact as findings change status, severity or disappear (trigger-kept tallies)', async () => {
    const [critical] = findingIds;
    await sql`UPDATE findings SET status = 'closed', closed_reason = 'false_positive' WHERE id = ${critical!}`.execute(database.db);
    expect((await dashboardAt(tenantId, NOW)).drift.open_by_severity).toEqual({ critical: 1, high: 1, medium: 3, low: 1 });
    await sql`UPDATE findings SET severity = 'low' WHERE id = ${findingIds[1]!}`.execute(database.db);
    expect((await dashboardAt(tenantId, NOW)).drift.open_by_severity).toEqual({ critical: 0, high: 1, medium: 3, low: 2 });
    // A scan refreshing last_seen_at of every finding moves no count.
    await sql`UPDATE findings SET last_seen_at = now() WHERE tenant_id = ${tenantId}`.execute(database.db);
    await sql`DELETE FROM findings WHERE id = ${findingIds[3]!}`.execute(database.db);
    expect((await dashboardAt(tenantId, NOW)).drift.open_by_severity).toEqual({ critical: 0, high: 1, medium: 2, low: 2 });
    // Back as seeded, for the tests below.
    await sql`UPDATE findings SET status = 'open', closed_reason = NULL WHERE id = ${critical!}`.execute(database.db);
    await sql`UPDATE findings SET severity = 'critical' WHERE id = ${findingIds[1]!}`.execute(database.db);
    const restored = await sql<{ id: number }>`
      INSERT INTO findings (tenant_id, kind, severity, status, fingerprint, policy_type, created_at)
      VALUES (${tenantId}, 'changed_policy', 'medium', 'open', 'restored', 'settingsCatalogPolicy', '2026-03-01T00:03:00Z') RETURNING id`.execute(database.db);
    findingIds[3] = restored.rows[0]!.id;
    expect((await dashboardAt(tenantId, NOW)).drift.open_by_severity).toEqual({ critical: 2, high: 1, medium: 3, low: 1 });
  });

  it('lists the ten newest findings and runs of the tenant only', async () => {
    const dashboard = await dashboardAt(tenantId, NOW);
    expect(dashboard.recent_findings.map((finding) => finding.id)).toEqual([...findingIds].reverse().slice(0, 10));
    const newestRuns = [...runs].sort((a, b) => Date.parse(b.created) - Date.parse(a.created)).map((run) => runIds[run.name]);
    expect(dashboard.recent_runs.map((run) => run.id)).toEqual(newestRuns);
  });

  it('gives a tenant without data zeros, no scan and a calm list', async () => {
    const empty = await dashboardAt(emptyActiveId, NOW);
    expect(empty.drift).toMatchObject({ open_by_severity: { critical: 0, high: 0, medium: 0, low: 0 }, open_total: 0, last_scan_at: null, stale: true, current_baseline: null });
    expect(empty.operations).toEqual({ active: 0, failed_or_partial_7d: 0 });
    expect(empty.recent_findings).toEqual([]);
    expect(empty.recent_runs).toEqual([]);
    // An active tenant that was never scanned is asked to scan; a draft tenant cannot be scanned and is not.
    expect(empty.drift.needs_attention).toEqual([{ kind: 'stale_drift', title: 'Drift has never been scanned', count: 1, href: `/w/board/tenants/${emptyActiveId}#scan-now` }]);
    expect((await dashboardAt(draftId, NOW)).drift.needs_attention).toEqual([]);
  });

  it('computes the portfolio rows with the same numbers, sorted and filtered', async () => {
    const portfolio = await readPortfolio(database.db, workspaceId, { filter: {}, sort: 'name', direction: 'asc' }, links, NOW);
    expect(portfolio.total).toBe(4);
    expect(portfolio.rows.map((row) => row.name)).toEqual(['Draft', 'Empty active', 'Measured', 'Neighbour']);
    const measured = portfolio.rows.find((row) => row.id === tenantId)!;
    const dashboard = await dashboardAt(tenantId, NOW);
    expect(measured.open_by_severity).toEqual(dashboard.drift.open_by_severity);
    expect(measured.needs_attention).toEqual(dashboard.drift.needs_attention);
    expect(measured.active_runs).toBe(1);
    expect(measured.last_sync).toMatchObject({ id: runIds['sync-partial'], outcome: 'partial' });
    expect(measured.last_scan).toMatchObject({ id: runIds['scan-running'], status: 'running' });
    const neighbour = portfolio.rows.find((row) => row.id === neighbourId)!;
    expect(neighbour).toMatchObject({ open_total: 1, stale: false, last_sync: null, active_runs: 0 });
    expect(neighbour.needs_attention.map((item) => item.kind)).toEqual(['open_findings']);

    const sorted = await readPortfolio(database.db, workspaceId, { filter: {}, sort: 'open_findings', direction: 'desc' }, links, NOW);
    expect(sorted.rows.map((row) => row.name)).toEqual(['Measured', 'Neighbour', 'Draft', 'Empty active']);
    const stale = await readPortfolio(database.db, workspaceId, { filter: { stale: true }, sort: 'name', direction: 'asc' }, links, NOW);
    expect(stale.rows.map((row) => row.name)).toEqual(['Draft', 'Empty active']);
    const attention = await readPortfolio(database.db, workspaceId, { filter: { needs_attention: true }, sort: 'name', direction: 'asc' }, links, NOW);
    expect(attention.rows.map((row) => row.name)).toEqual(['Empty active', 'Measured', 'Neighbour']);
    const drafts = await readPortfolio(database.db, workspaceId, { filter: { lifecycle: 'draft' }, sort: 'name', direction: 'asc' }, links, NOW);
    expect(drafts.rows.map((row) => row.name)).toEqual(['Draft']);
  });

  it('serves both over HTTP to a readonly member, and refuses bad portfolio filters by name', async () => {
    const dashboard = await bearer(app, viewer.token, 'GET', `/api/tenants/${tenantId}/dashboard`);
    expect(dashboard.statusCode).toBe(200);
    const body = dashboard.json();
    expect(body.tenant.id).toBe(tenantId);
    expect(body.drift.open_by_severity).toEqual({ critical: 2, high: 1, medium: 3, low: 1 });
    // Today (long after March 2026) the scan of the 8th is stale and nothing failed in the last week.
    expect(body.drift.stale).toBe(true);
    expect(body.needs_attention.map((item: { kind: string }) => item.kind)).toEqual(['open_findings', 'open_findings', 'stale_drift']);
    expect(body.recent_findings).toHaveLength(10);

    const portfolio = await bearer(app, viewer.token, 'GET', `/api/workspaces/${workspaceId}/portfolio?sort=open_findings&needs_attention=true`);
    expect(portfolio.statusCode).toBe(200);
    expect(portfolio.json().rows.map((row: { tenant: { name: string } }) => row.tenant.name)).toEqual(['Measured', 'Neighbour', 'Empty active']);
    expect(portfolio.json().total_tenants).toBe(4);
    for (const query of ['sort=colour', 'stale=maybe', 'lifecycle=deleted', 'direction=up']) {
      const refused = await bearer(app, viewer.token, 'GET', `/api/workspaces/${workspaceId}/portfolio?${query}`);
      expect(refused.statusCode, query).toBe(400);
      expect(refused.json().error.field, query).toBe(query.split('=')[0]);
    }
  });
});

describe('dashboard requests make no outbound call', () => {
  let database: TestDatabase;
  let app: ZodApp;
  let sim: GraphSim;
  let manager: TestMember;
  let tenantId: number;
  let workspaceId: number;
  const outbound: string[] = [];
  const onUndici = (message: unknown) => outbound.push(`fetch ${String((message as { request: { origin: string; path: string } }).request.origin)}`);
  const onHttp = (message: unknown) => outbound.push(`http ${String((message as { request: { host: string } }).request.host)}`);

  beforeAll(async () => {
    sim = await startGraphSim();
    database = await openTestDatabase('pglite');
    app = await buildTestApp(database, { graphUrl: sim.url, loginUrl: sim.url });
    workspaceId = (await createTestWorkspace(database, 'quiet')).id;
    manager = await createMember(database, 'quiet', 'manager@quiet.example', 'manager');
    const simTenant = sim.tenants[0]!;
    tenantId = await insertTenant(database, workspaceId, 'Connected', 'active', simTenant.entra_tenant_id);
    const saved = await bearer(app, manager.token, 'PUT', `/api/tenants/${tenantId}/provider-connection`, { client_id: simTenant.client_id, client_secret: simTenant.client_secret });
    expect(saved.statusCode).toBe(200);
    await seedRuns(database, workspaceId, tenantId);
    await seedFindings(database, tenantId, findings);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await sim?.close();
  });

  /** Runs `work` while every HTTP request this process starts (fetch or node:http) is recorded. */
  const watchingOutbound = async (work: () => Promise<void>) => {
    outbound.length = 0;
    const graphRequestsBefore = sim.stats.requests.length;
    subscribe('undici:request:create', onUndici);
    subscribe('http.client.request.start', onHttp);
    try {
      await work();
    } finally {
      unsubscribe('undici:request:create', onUndici);
      unsubscribe('http.client.request.start', onHttp);
    }
    return { outbound: [...outbound], graphRequests: sim.stats.requests.length - graphRequestsBefore };
  };

  it('renders and refreshes the dashboard and the portfolio from the database alone', async () => {
    const observed = await watchingOutbound(async () => {
      for (let refresh = 0; refresh < 3; refresh += 1) {
        expect((await bearer(app, manager.token, 'GET', `/api/tenants/${tenantId}/dashboard`)).statusCode).toBe(200);
        expect((await bearer(app, manager.token, 'GET', `/api/workspaces/${workspaceId}/portfolio`)).statusCode).toBe(200);
      }
    });
    expect(observed).toEqual({ outbound: [], graphRequests: 0 });
  });

  it('would notice an outbound call (the watch itself can fail)', async () => {
    const observed = await watchingOutbound(async () => {
      await fetch(`${sim.url}/v1.0/organization`).catch(() => undefined);
    });
    expect(observed.outbound).toEqual([`fetch ${new URL(sim.url).origin}`]);
    expect(observed.graphRequests).toBe(1);
  });
});
