import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodApp } from '../../src/http/app-context';
import { bearer, buildTestApp, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';
import { insertTenant, openEngineHarness, waitForCompletion, type EngineHarness } from '../support/operations-harness';

// Issue 20 item 17: the console must never contradict itself. Each case is one contradiction a user saw, asked
// of the API the pages read: every surface answers from one definition of fresh / partly scanned / stale /
// never scanned, and every run that failed or was partial in the last 7 days needs attention.
const HOUR = 60 * 60 * 1000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

interface Freshness {
  state: string;
  label: string;
  description: string;
}
interface Attention {
  kind: string;
  title: string;
  count: number;
  href: string;
}
interface Row {
  tenant: { id: number; name: string };
  drift: { stale: boolean; freshness: Freshness };
  last_sync: { run_id: number; outcome: string } | null;
  needs_attention: Attention[];
}

describe.each(databaseTargets())('one definition of drift freshness and attention, on %s', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let viewer: TestMember;
  let workspaceId: number;
  const ids: Record<string, number> = {};

  const insertRun = async (tenantId: number, type: string, outcome: string, completedHoursAgo: number) => {
    const result = await sql<{ id: number }>`
      INSERT INTO operation_runs (workspace_id, tenant_id, type, status, outcome, selection_hash, created_at, started_at, completed_at)
      VALUES (${workspaceId}, ${tenantId}, ${type}, 'completed', ${outcome}, ${`${type}-${outcome}-${completedHoursAgo}`},
              ${ago(completedHoursAgo + 0.1)}::timestamptz, ${ago(completedHoursAgo + 0.1)}::timestamptz, ${ago(completedHoursAgo)}::timestamptz)
      RETURNING id`.execute(database.db);
    return result.rows[0]!.id;
  };

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database);
    workspaceId = (await createTestWorkspace(database, 'consistent')).id;
    viewer = await createMember(database, 'consistent', 'viewer@consistent.example', 'readonly');
    ids.onboarded = await insertTenant(database, workspaceId, 'Just onboarded', 'active');
    ids.draft = await insertTenant(database, workspaceId, 'Draft', 'draft');
    ids.partial = await insertTenant(database, workspaceId, 'Partly scanned', 'active');
    ids.stale = await insertTenant(database, workspaceId, 'Stale', 'active');
    ids.fresh = await insertTenant(database, workspaceId, 'Fresh', 'active');
    ids.partialScan = await insertRun(ids.partial, 'drift.scan', 'partial', 2);
    await insertRun(ids.stale, 'drift.scan', 'succeeded', 24 * 9);
    await insertRun(ids.fresh, 'drift.scan', 'succeeded', 1);
    ids.failedVerify = await insertRun(ids.fresh, 'provider.verify', 'failed', 3);
    ids.failedSync = await insertRun(ids.fresh, 'inventory.sync', 'failed', 0.5);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const dashboard = async (tenantId: number) => {
    const response = await bearer(app, viewer.token, 'GET', `/api/tenants/${tenantId}/dashboard`);
    expect(response.statusCode).toBe(200);
    return response.json() as { drift: { stale: boolean; last_scan_at: string | null; freshness: Freshness }; needs_attention: Attention[]; operations: { failed_or_partial_7d: number } };
  };
  const portfolio = async (query = '') => {
    const response = await bearer(app, viewer.token, 'GET', `/api/workspaces/${workspaceId}/portfolio?${query}`);
    expect(response.statusCode, query).toBe(200);
    return (response.json() as { rows: Row[] }).rows;
  };
  const rowOf = async (tenantId: number) => (await portfolio()).find((row) => row.tenant.id === tenantId)!;

  it('a just-onboarded tenant never scanned is "Never scanned" everywhere, and asked to scan', async () => {
    const board = await dashboard(ids.onboarded!);
    expect(board.drift).toMatchObject({ last_scan_at: null, stale: true, freshness: { state: 'never_scanned', label: 'Never scanned' } });
    expect(board.needs_attention.map((item) => [item.kind, item.title])).toEqual([['stale_drift', 'Drift has never been scanned']]);
    const row = await rowOf(ids.onboarded!);
    expect(row.drift.freshness).toEqual(board.drift.freshness);
    expect(row.needs_attention).toEqual(board.needs_attention);
  });

  it('a draft tenant is "Never scanned" too: nothing says its drift is fresh', async () => {
    const board = await dashboard(ids.draft!);
    expect(board.drift.freshness).toMatchObject({ state: 'never_scanned', label: 'Never scanned' });
    expect(board.drift.freshness.description).not.toMatch(/fresh/i);
    expect((await rowOf(ids.draft!)).drift.freshness.state).toBe('never_scanned');
  });

  it('a partial scan is not fresh, and the partial run needs attention', async () => {
    const board = await dashboard(ids.partial!);
    expect(board.drift).toMatchObject({ stale: false, freshness: { state: 'partial', label: 'Partly scanned' } });
    expect(board.needs_attention).toEqual([{ kind: 'partial_run', title: 'Drift scan was partial in the last 7 days', count: 1, href: `/operations/${ids.partialScan}` }]);
    expect((await rowOf(ids.partial!)).drift.freshness.state).toBe('partial');
  });

  it('a failed provider verification and a failed newest sync need attention, as many as the failed-or-partial count', async () => {
    const board = await dashboard(ids.fresh!);
    expect(board.drift.freshness.state).toBe('fresh');
    expect(board.needs_attention.map((item) => [item.kind, item.title, item.href])).toEqual([
      ['failed_run', 'Inventory sync failed in the last 7 days', `/operations/${ids.failedSync}`],
      ['failed_run', 'Verify provider connection failed in the last 7 days', `/operations/${ids.failedVerify}`],
    ]);
    const runItems = board.needs_attention.filter((item) => item.kind === 'failed_run' || item.kind === 'partial_run');
    expect(runItems.reduce((sum, item) => sum + item.count, 0)).toBe(board.operations.failed_or_partial_7d);
  });

  it("the run viewer's tenant card does not read as \"fully managed\" and nothing more under a failed run (item 18)", async () => {
    const failed = await bearer(app, viewer.token, 'GET', `/api/operations/${ids.failedVerify}`);
    expect(failed.statusCode).toBe(200);
    expect(failed.json().referenced_tenant).toMatchObject({ tenant_name: 'Fresh', lifecycle: { label: 'Active' } });
    expect(failed.json().referenced_tenant.context_note).toMatch(/^This run failed; the tenant itself stays active\./);
  });

  it('each freshness filter returns exactly the tenants labelled so', async () => {
    const labelled = async (state: string) => (await portfolio(`freshness=${state}`)).map((row) => [row.tenant.name, row.drift.freshness.label]);
    expect(await labelled('stale')).toEqual([['Stale', 'Stale']]);
    expect(await labelled('never_scanned')).toEqual([
      ['Draft', 'Never scanned'],
      ['Just onboarded', 'Never scanned'],
    ]);
    expect(await labelled('partial')).toEqual([['Partly scanned', 'Partly scanned']]);
    expect(await labelled('fresh')).toEqual([['Fresh', 'Fresh']]);
    // SPEC §3's drift.stale: never scanned or older than 7 days.
    expect((await portfolio('stale=true')).map((row) => row.drift.freshness.state).sort()).toEqual(['never_scanned', 'never_scanned', 'stale']);
    const refused = await bearer(app, viewer.token, 'GET', `/api/workspaces/${workspaceId}/portfolio?freshness=old`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('freshness');
  });
});

describe.each(databaseTargets())('the inventory hub and the portfolio agree on the newest sync, on %s', (target) => {
  let harness: EngineHarness;
  let operator: TestMember;
  let tenantId: number;
  let workspaceId: number;

  beforeAll(async () => {
    harness = await openEngineHarness(target);
    workspaceId = (await createTestWorkspace(harness.database, 'hub')).id;
    operator = await createMember(harness.database, 'hub', 'operator@hub.example', 'operator');
    // No provider connection saved: a sync fails before it reads anything. Yesterday's sync had succeeded.
    tenantId = await insertTenant(harness.database, workspaceId, 'Unconnected', 'active');
    const synced = await sql<{ id: number }>`
      INSERT INTO operation_runs (workspace_id, tenant_id, type, status, outcome, selection_hash, created_at, started_at, completed_at)
      VALUES (${workspaceId}, ${tenantId}, 'inventory.sync', 'completed', 'succeeded', 'yesterday', ${ago(24.1)}::timestamptz, ${ago(24.1)}::timestamptz, ${ago(24)}::timestamptz)
      RETURNING id`.execute(harness.database.db);
    await sql`INSERT INTO inventory_sync_runs (tenant_id, operation_run_id, status, started_at, finished_at)
              VALUES (${tenantId}, ${synced.rows[0]!.id}, 'succeeded', ${ago(24.1)}::timestamptz, ${ago(24)}::timestamptz)`.execute(harness.database.db);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('a sync that failed before reading anything is the last sync, failed, on the hub as on the portfolio', async () => {
    const started = await bearer(harness.app, operator.token, 'POST', `/api/tenants/${tenantId}/inventory/sync`, {});
    expect(started.statusCode).toBe(202);
    const runId = started.json().run.id as number;
    expect((await waitForCompletion(harness.database, runId)).outcome).toBe('failed');
    const kpis = await bearer(harness.app, operator.token, 'GET', `/api/tenants/${tenantId}/inventory/kpis`);
    expect(kpis.statusCode).toBe(200);
    expect(kpis.json().last_sync).toMatchObject({ status: 'failed', operation_run_id: runId });
    const portfolio = await bearer(harness.app, operator.token, 'GET', `/api/workspaces/${workspaceId}/portfolio`);
    expect(portfolio.json().rows[0].last_sync).toMatchObject({ run_id: runId, outcome: 'failed' });
  });
});
