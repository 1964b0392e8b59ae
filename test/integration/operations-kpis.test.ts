import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsKpis, runTabCounts } from '../../src/db/queries/operation-run-kpis';
import type { ZodApp } from '../../src/http/app-context';
import { bearer, buildTestApp, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';
import { insertTenant } from '../support/operations-harness';

// SPEC §3 operations KPIs and tabs against hand-computed expectations. `now` is fixed; the windows start at
//   30 d: 2026-02-13T12:00:00.000Z (created_at ≥)   7 d: 2026-03-08T12:00:00.000Z (completed_at ≥)
// and runs sit exactly on, just before and just after each edge, and on the edge days' other hours (the
// KPI query sums whole days from tallies and scans the edge day exactly, so both halves are exercised).
const NOW = new Date('2026-03-15T12:00:00.000Z');

interface RunSeed {
  name: string;
  type?: string;
  status: 'queued' | 'running' | 'completed';
  outcome?: 'succeeded' | 'partial' | 'failed' | 'cancelled';
  created: string;
  started?: string;
  completed?: string;
}

const runs: RunSeed[] = [
  { name: 'A', status: 'completed', outcome: 'succeeded', created: '2026-02-13T12:00:00.000Z', started: '2026-02-13T12:00:00Z', completed: '2026-02-13T12:10:00Z' },
  { name: 'B', status: 'completed', outcome: 'failed', created: '2026-02-13T11:59:59.999Z', started: '2026-02-13T12:00:00Z', completed: '2026-02-13T12:05:00Z' },
  { name: 'C', status: 'completed', outcome: 'succeeded', created: '2026-02-13T00:00:00.000Z', started: '2026-02-13T00:00:00Z', completed: '2026-02-13T01:00:00Z' },
  { name: 'D', status: 'completed', outcome: 'succeeded', created: '2026-02-13T23:59:59.000Z', started: '2026-02-14T00:00:00Z', completed: '2026-02-14T00:01:00Z' },
  { name: 'E', status: 'completed', outcome: 'partial', created: '2026-02-20T08:00:00.000Z', started: '2026-02-20T08:00:00Z', completed: '2026-02-20T08:05:00Z' },
  { name: 'F', status: 'queued', created: '2026-01-01T00:00:00.000Z' },
  { name: 'G', status: 'running', created: '2026-03-15T11:00:00.000Z', started: '2026-03-15T11:00:00Z' },
  { name: 'H', type: 'drift.scan', status: 'completed', outcome: 'failed', created: '2026-03-08T11:00:00Z', started: '2026-03-08T11:00:00Z', completed: '2026-03-08T12:00:00.000Z' },
  { name: 'I', status: 'completed', outcome: 'partial', created: '2026-03-08T11:00:00Z', started: '2026-03-08T11:00:00Z', completed: '2026-03-08T11:59:59.999Z' },
  { name: 'J', status: 'completed', outcome: 'succeeded', created: '2026-03-10T10:00:00Z', started: '2026-03-10T10:00:00Z', completed: '2026-03-10T10:00:30Z' },
  { name: 'K', type: 'drift.scan', status: 'completed', outcome: 'failed', created: '2026-03-12T10:00:00Z', completed: '2026-03-12T10:05:00Z' },
  { name: 'L', status: 'completed', outcome: 'partial', created: '2026-03-14T09:00:00Z', started: '2026-03-14T09:00:00Z', completed: '2026-03-14T09:01:30Z' },
  { name: 'M', status: 'completed', outcome: 'cancelled', created: '2026-03-14T12:00:00Z', started: '2026-03-14T12:00:00Z', completed: '2026-03-14T12:00:10Z' },
  { name: 'N', type: 'drift.scan', status: 'completed', outcome: 'failed', created: '2026-03-08T00:00:00Z', started: '2026-03-08T00:00:00Z', completed: '2026-03-08T00:00:20Z' },
  { name: 'O', status: 'completed', outcome: 'succeeded', created: '2026-03-08T23:00:00Z', started: '2026-03-08T23:00:00Z', completed: '2026-03-08T23:00:40Z' },
  { name: 'P', status: 'queued', created: '2026-03-15T11:30:00Z' },
];

// Created ≥ 30-day edge: A D E G H I J K L M N O P. Active: F G P. Completed ≥ 7-day edge and failed or
// partial: H K L (I is 1 ms early, N on the edge day's morning). Mean duration over H 3600, J 30, L 90,
// M 10, O 40 (K has no start): 3770 / 5.
const expectedKpis = { total_runs_30d: 13, active_runs: 3, failed_or_partial_7d: 3, avg_duration_seconds_7d: 754 };
const expectedTabs = { all: 16, active: 3, succeeded: 5, partial: 3, failed: 4 };

async function insertRun(database: TestDatabase, workspaceId: number, tenantId: number | null, run: RunSeed): Promise<number> {
  const result = await sql<{ id: number }>`
    INSERT INTO operation_runs (workspace_id, tenant_id, type, status, outcome, selection_hash, created_at, started_at, completed_at)
    VALUES (${workspaceId}, ${tenantId}, ${run.type ?? 'inventory.sync'}, ${run.status}, ${run.outcome ?? 'pending'}, ${run.name},
            ${run.created}::timestamptz, ${run.started ?? null}::timestamptz, ${run.completed ?? null}::timestamptz)
    RETURNING id`.execute(database.db);
  return result.rows[0]!.id;
}

describe.each(databaseTargets())('operations KPIs, tabs and list on %s', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let viewer: TestMember;
  let tenantId: number;
  let otherTenantId: number;
  let emptyTenantId: number;
  const idOf: Record<string, number> = {};

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database);
    const workspace = await createTestWorkspace(database, 'kpis');
    viewer = await createMember(database, 'kpis', 'viewer@kpis.example', 'readonly');
    tenantId = await insertTenant(database, workspace.id, 'Measured');
    otherTenantId = await insertTenant(database, workspace.id, 'Neighbour');
    emptyTenantId = await insertTenant(database, workspace.id, 'Empty');
    for (const run of runs) idOf[run.name] = await insertRun(database, workspace.id, tenantId, run);
    // Other tenants' and workspace-level runs inside every window must not count.
    for (const run of runs) await insertRun(database, workspace.id, otherTenantId, { ...run, name: `other-${run.name}` });
    await insertRun(database, workspace.id, null, { name: 'ws', status: 'completed', outcome: 'failed', created: '2026-03-14T00:00:00Z', started: '2026-03-14T00:00:00Z', completed: '2026-03-14T00:10:00Z' });
    await insertRun(database, workspace.id, null, { name: 'ws-active', status: 'running', created: '2026-03-15T00:00:00Z', started: '2026-03-15T00:00:00Z' });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('computes the four KPIs exactly at the window edges', async () => {
    expect(await operationsKpis(database.db, tenantId, NOW)).toEqual(expectedKpis);
  });

  it('moves runs across the edges as now moves', async () => {
    // One millisecond earlier, B (created 1 ms before the edge) and I (completed 1 ms before) are inside;
    // N's morning completion is still outside.
    const earlier = new Date(NOW.getTime() - 1);
    expect(await operationsKpis(database.db, tenantId, earlier)).toEqual({
      total_runs_30d: 14,
      active_runs: 3,
      failed_or_partial_7d: 4,
      avg_duration_seconds_7d: Math.round(((3770 + 3599.999) / 6) * 1000) / 1000,
    });
    // Thirty days later nothing but the active runs remains, and the mean has nothing to average.
    const later = new Date('2026-05-01T00:00:00Z');
    expect(await operationsKpis(database.db, tenantId, later)).toEqual({ total_runs_30d: 0, active_runs: 3, failed_or_partial_7d: 0, avg_duration_seconds_7d: null });
  });

  it('gives a tenant without runs zeros and a null mean', async () => {
    expect(await operationsKpis(database.db, emptyTenantId, NOW)).toEqual({ total_runs_30d: 0, active_runs: 0, failed_or_partial_7d: 0, avg_duration_seconds_7d: null });
  });

  it('counts tabs from the tallies, also within a type', async () => {
    expect(await runTabCounts(database.db, tenantId)).toEqual(expectedTabs);
    expect(await runTabCounts(database.db, tenantId, 'drift.scan')).toEqual({ all: 3, active: 0, succeeded: 0, partial: 0, failed: 3 });
    expect(await runTabCounts(database.db, emptyTenantId)).toEqual({ all: 0, active: 0, succeeded: 0, partial: 0, failed: 0 });
  });

  it('keeps the tallies exact when runs change and disappear', async () => {
    await sql`UPDATE operation_runs SET status = 'completed', outcome = 'failed', completed_at = ${'2026-03-15T11:59:00Z'}::timestamptz WHERE id = ${idOf.G!}`.execute(database.db);
    expect(await runTabCounts(database.db, tenantId)).toEqual({ ...expectedTabs, active: 2, failed: 5 });
    // G started 11:00, failed 11:59: one more failure and 3540 s more to average.
    expect(await operationsKpis(database.db, tenantId, NOW)).toEqual({ ...expectedKpis, active_runs: 2, failed_or_partial_7d: 4, avg_duration_seconds_7d: Math.round(((3770 + 3540) / 6) * 1000) / 1000 });
    await sql`UPDATE operation_runs SET status = 'running', outcome = 'pending', completed_at = NULL WHERE id = ${idOf.G!}`.execute(database.db);
    expect(await operationsKpis(database.db, tenantId, NOW)).toEqual(expectedKpis);
    expect(await runTabCounts(database.db, tenantId)).toEqual(expectedTabs);

    // Deleting J (30 s, succeeded) takes it out of every count; putting it back restores them.
    await sql`DELETE FROM operation_runs WHERE id = ${idOf.J!}`.execute(database.db);
    expect(await operationsKpis(database.db, tenantId, NOW)).toEqual({ ...expectedKpis, total_runs_30d: 12, avg_duration_seconds_7d: 3740 / 4 });
    expect(await runTabCounts(database.db, tenantId)).toEqual({ ...expectedTabs, all: 15, succeeded: 4 });
    const workspaceId = (await database.db.selectFrom('tenants').select('workspace_id').where('id', '=', tenantId).executeTakeFirstOrThrow()).workspace_id;
    idOf.J = await insertRun(database, workspaceId, tenantId, runs.find((run) => run.name === 'J')!);
    expect(await operationsKpis(database.db, tenantId, NOW)).toEqual(expectedKpis);
    expect(await runTabCounts(database.db, tenantId)).toEqual(expectedTabs);
  });

  it('serves the KPIs and tab counts over HTTP to a readonly member', async () => {
    const kpis = await bearer(app, viewer.token, 'GET', `/api/tenants/${emptyTenantId}/operations/kpis`);
    expect(kpis.statusCode).toBe(200);
    expect(kpis.json()).toEqual({ total_runs_30d: 0, active_runs: 0, failed_or_partial_7d: 0, avg_duration_seconds_7d: null });
    const list = await bearer(app, viewer.token, 'GET', `/api/tenants/${tenantId}/operations`);
    expect(list.statusCode).toBe(200);
    expect(list.json().tab_counts).toEqual(expectedTabs);
    const filtered = await bearer(app, viewer.token, 'GET', `/api/tenants/${tenantId}/operations?type=drift.scan&tab=failed`);
    expect(filtered.json().tab_counts).toEqual({ all: 3, active: 0, succeeded: 0, partial: 0, failed: 3 });
    expect(filtered.json().runs.map((run: { id: number }) => run.id)).toEqual([idOf.K, idOf.H, idOf.N]);
  });

  it('pages through every run newest first with an opaque cursor, never skipping or repeating', async () => {
    const expectedOrder = [...runs].sort((a, b) => Date.parse(b.created) - Date.parse(a.created) || idOf[b.name]! - idOf[a.name]!).map((run) => idOf[run.name]);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/tenants/${tenantId}/operations?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await bearer(app, viewer.token, 'GET', url);
      expect(page.statusCode).toBe(200);
      const body = page.json<{ runs: Array<{ id: number; tenant_id: number }>; next_cursor: string | null }>();
      expect(body.runs.length).toBeLessThanOrEqual(3);
      seen.push(...body.runs.map((run) => run.id));
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(expectedOrder);
  });

  it('lists each tab with exactly its runs', async () => {
    const ids = async (tab: string) =>
      (await bearer(app, viewer.token, 'GET', `/api/tenants/${tenantId}/operations?tab=${tab}&limit=100`)).json<{ runs: Array<{ id: number }> }>().runs.map((run) => run.id).sort((a, b) => a - b);
    const byName = (...names: string[]) => names.map((name) => idOf[name]!).sort((a, b) => a - b);
    expect(await ids('active')).toEqual(byName('F', 'G', 'P'));
    expect(await ids('succeeded')).toEqual(byName('A', 'C', 'D', 'J', 'O'));
    expect(await ids('partial')).toEqual(byName('E', 'I', 'L'));
    expect(await ids('failed')).toEqual(byName('B', 'H', 'K', 'N'));
  });

  it('breaks ties of identical creation times by id', async () => {
    const workspace = await database.db.selectFrom('tenants').select('workspace_id').where('id', '=', tenantId).executeTakeFirstOrThrow();
    const tied = await insertTenant(database, workspace.workspace_id, 'Tied');
    const ids: number[] = [];
    for (let i = 0; i < 7; i += 1) ids.push(await insertRun(database, workspace.workspace_id, tied, { name: `t${i}`, status: 'queued', created: '2026-03-01T00:00:00.123456Z' }));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await bearer(app, viewer.token, 'GET', `/api/tenants/${tied}/operations?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const body = page.json<{ runs: Array<{ id: number }>; next_cursor: string | null }>();
      seen.push(...body.runs.map((run) => run.id));
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('answers a bad tab, limit or cursor with 400 naming the field', async () => {
    const field = async (query: string) => {
      const response = await bearer(app, viewer.token, 'GET', `/api/tenants/${tenantId}/operations?${query}`);
      expect(response.statusCode, query).toBe(400);
      return response.json().error.field;
    };
    expect(await field('tab=archived')).toBe('tab');
    expect(await field('limit=0')).toBe('limit');
    expect(await field('limit=101')).toBe('limit');
    expect(await field('limit=ten')).toBe('limit');
    expect(await field('cursor=not-a-cursor')).toBe('cursor');
    expect(await field(`cursor=${Buffer.from('["2026-01-01T00:00:00Z",1]').toString('base64url')}`)).toBe('cursor');
  });
});
