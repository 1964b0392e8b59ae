// Issue 7, point 3: every active tenant is synced and then scanned on the workspace's interval, through the
// queue's own scheduler, never two of the same run at once. The tick is called with chosen times here (the
// cron only decides when it runs); a worker-less engine keeps the runs queued so reuse can be seen.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_SCAN_QUEUE } from '../../src/jobs/maintenance/scheduled-sync-scan';
import { runScheduledSyncScan } from '../../src/use-cases/schedules/run-scheduled-sync-scan';
import { bearer, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets } from '../support/test-database';
import { insertTenant, openEngineHarness, type EngineHarness } from '../support/operations-harness';

const HOUR = 3600_000;

describe.each(databaseTargets())('the sync-and-scan schedule (%s)', (target) => {
  let harness: EngineHarness;
  let manager: TestMember;
  let operator: TestMember;
  let workspaceId: number;
  let active: number;
  let otherActive: number;
  const t0 = new Date();

  const runsOf = async (tenantId: number, type: string) =>
    harness.database.db.selectFrom('operation_runs').select(['id', 'status', 'user_id']).where('tenant_id', '=', tenantId).where('type', '=', type).orderBy('id').execute();
  const tick = (at: Date) => runScheduledSyncScan({ db: harness.database.db, queue: harness.engine.queue }, at);

  beforeAll(async () => {
    harness = await openEngineHarness(target, { worker: false });
    workspaceId = (await createTestWorkspace(harness.database, 'sched')).id;
    manager = await createMember(harness.database, 'sched', 'manager@sched.example', 'manager');
    operator = await createMember(harness.database, 'sched', 'operator@sched.example', 'operator');
    active = await insertTenant(harness.database, workspaceId, 'Active', 'active');
    await insertTenant(harness.database, workspaceId, 'Draft', 'draft');
    await insertTenant(harness.database, workspaceId, 'Archived', 'archived');
    const other = (await createTestWorkspace(harness.database, 'sched-off')).id;
    otherActive = await insertTenant(harness.database, other, 'Active elsewhere', 'active');
    await harness.database.db.updateTable('workspaces').set({ sync_scan_interval_hours: null }).where('id', '=', other).execute();
  });
  afterAll(async () => harness?.close());

  it('syncs every active tenant of a workspace with the schedule on (24 hours by default), and nothing else', async () => {
    expect((await bearer(harness.app, operator.token, 'GET', `/api/workspaces/${workspaceId}/schedule`)).json()).toEqual({ interval_hours: 24 });
    const started = await tick(t0);
    expect(started.syncs).toHaveLength(1);
    expect(await runsOf(active, 'inventory.sync')).toEqual([{ id: started.syncs[0], status: 'queued', user_id: null }]);
    expect(await runsOf(otherActive, 'inventory.sync')).toEqual([]);
  });

  it('starts nothing again within the interval, and reuses the queued sync after it', async () => {
    expect(await tick(new Date(t0.getTime() + 23 * HOUR))).toEqual({ syncs: [], scans: [] });
    const later = await tick(new Date(t0.getTime() + 25 * HOUR));
    expect(await runsOf(active, 'inventory.sync')).toHaveLength(1); // the queued one, reused
    expect(later.syncs).toEqual([]);
  });

  it('scans after a completed sync once the tenant has a baseline, and only once per sync', async () => {
    const [sync] = await runsOf(active, 'inventory.sync');
    await sql`UPDATE operation_runs SET status = 'completed', outcome = 'succeeded', started_at = now(), completed_at = now() WHERE id = ${sync!.id}`.execute(harness.database.db);
    expect((await tick(t0)).scans).toEqual([]); // no baseline yet: a scan would only fail
    await sql`INSERT INTO baselines (tenant_id, completed_at) VALUES (${active}, now())`.execute(harness.database.db);
    const first = await tick(t0);
    expect(first.scans).toHaveLength(1);
    expect(await runsOf(active, 'drift.scan')).toEqual([{ id: first.scans[0], status: 'queued', user_id: null }]);
    expect((await tick(t0)).scans).toEqual([]);
  });

  it('lets a manager turn the schedule off or change it, validated, and nobody below', async () => {
    expect((await bearer(harness.app, operator.token, 'PUT', `/api/workspaces/${workspaceId}/schedule`, { interval_hours: null })).statusCode).toBe(403);
    const invalid = await bearer(harness.app, manager.token, 'PUT', `/api/workspaces/${workspaceId}/schedule`, { interval_hours: 0 });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toContain('interval_hours');
    const off = await bearer(harness.app, manager.token, 'PUT', `/api/workspaces/${workspaceId}/schedule`, { interval_hours: null });
    expect(off.json()).toEqual({ interval_hours: null });
    await sql`UPDATE operation_runs SET status = 'completed', outcome = 'succeeded', completed_at = now() WHERE tenant_id = ${active}`.execute(harness.database.db);
    expect(await tick(new Date(t0.getTime() + 100 * HOUR))).toEqual({ syncs: [], scans: [] });
    await bearer(harness.app, manager.token, 'PUT', `/api/workspaces/${workspaceId}/schedule`, { interval_hours: 6 });
    expect((await tick(new Date(Date.now() + 7 * HOUR))).syncs).toHaveLength(1);
  });
});

describe.each(databaseTargets())('the schedule on the queue (%s)', (target) => {
  it('is a pg-boss cron schedule of a worker process, absent when schedules are off', async () => {
    const on = await openEngineHarness(target, { config: { schedules: true } });
    try {
      expect((await on.engine.queue.boss.getSchedules()).map((schedule) => schedule.name)).toContain(SYNC_SCAN_QUEUE);
    } finally {
      await on.close();
    }
    const off = await openEngineHarness(target, { config: { schedules: false } });
    try {
      expect((await off.engine.queue.boss.getSchedules()).map((schedule) => schedule.name)).not.toContain(SYNC_SCAN_QUEUE);
    } finally {
      await off.close();
    }
  });
});
