import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/domain/inventory';
import { startGraphSim, type GraphSim } from '../../src/graph-sim';
import { startInventorySync } from '../../src/use-cases/inventory/start-inventory-sync';
import { systemActor } from '../../src/domain/audit';
import { saveTenantProviderConnection } from '../../src/use-cases/tenants/save-provider-connection';
import { deriveKeys } from '../../src/security/secret-key';
import { createTestWorkspace, TEST_SECRET_KEY } from '../support/test-app';
import { eventually, insertTenant, openEngineHarness, readRun, type EngineHarness } from '../support/operations-harness';
import { spawnWorker, type WorkerProcess } from '../support/worker-process';

// A worker killed in the middle of an inventory sync (SIGKILL: no shutdown, no cleanup): the run is reconciled
// as lost, its sync row closed as failed, and the next sync completes with every policy stored exactly once.
// PostgreSQL only: a separate worker process cannot open the embedded database. Without TEST_DATABASE_URL the suite
// is reported as skipped (as its siblings do), not as a file without a suite, which fails the run.
describe.skipIf(!process.env.TEST_DATABASE_URL)('inventory sync with a killed worker on postgres', () => {
  const target = 'postgres' as const;
  let harness: EngineHarness;
  let sim: GraphSim;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    sim = await startGraphSim({ pageSize: 5 });
    harness = await openEngineHarness(target, { worker: false });
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await harness?.close();
    await sim?.close();
  });

  const workerEnv = (extra: Record<string, string> = {}) => ({ TENANTATLAS_GRAPH_URL: sim.url, TENANTATLAS_LOGIN_URL: sim.url, ...extra });

  it('reconciles the lost sync, and the next sync completes without duplicate items', async () => {
    const simTenant = sim.tenants[0]!;
    const workspaceId = (await createTestWorkspace(harness.database, 'killed')).id;
    const tenantId = await insertTenant(harness.database, workspaceId, 'Killed mid-sync');
    await saveTenantProviderConnection(harness.database.db, deriveKeys(TEST_SECRET_KEY).encryptionKey, {
      tenantId, clientId: simTenant.client_id, clientSecret: simTenant.client_secret, entraTenantId: simTenant.entra_tenant_id,
    }, { actor: systemActor('test'), ip: null });
    const expected = Object.entries(simTenant.policies).reduce((sum, [resource, entities]) => sum + entities.filter((entity) => classify(resource, entity)).length, 0);

    // Every policy read is slow, so the sync is surely mid-way when its worker dies.
    sim.faults.set(simTenant.entra_tenant_id, { kind: 'slow', delayMs: 150, pathPrefix: 'deviceManagement' });
    const doomed = await spawnWorker(harness.database.url, workerEnv());
    workers.push(doomed);
    const first = await startInventorySync({ db: harness.database.db, queue: harness.engine.queue }, { tenantId, audit: { actor: systemActor('test'), ip: null } });
    if (!first.ok) throw new Error(first.message);
    await eventually(async () => {
      const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM inventory_items WHERE tenant_id = ${tenantId}`.execute(harness.database.db);
      return stored.rows[0]!.n > 0 && stored.rows[0]!.n < expected;
    }, 'the first types of the sync to be stored', 60_000);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    sim.faults.clear(simTenant.entra_tenant_id);

    const survivor = await spawnWorker(harness.database.url, workerEnv({ TENANTATLAS_HEARTBEAT_STALE_SECONDS: '2', TENANTATLAS_RECONCILE_INTERVAL_SECONDS: '0.5' }));
    workers.push(survivor);
    const lost = await eventually(async () => {
      const run = await readRun(harness.database, first.run.id);
      return run.status === 'completed' ? run : undefined;
    }, 'the reconciler to complete the lost sync', 60_000);
    expect(lost.failure_summary).toEqual([expect.objectContaining({ code: 'worker.lost' })]);

    const second = await startInventorySync({ db: harness.database.db, queue: harness.engine.queue }, { tenantId, audit: { actor: systemActor('test'), ip: null } });
    if (!second.ok) throw new Error(second.message);
    expect(second.reused).toBe(false);
    const done = await eventually(async () => {
      const run = await readRun(harness.database, second.run.id);
      return run.status === 'completed' ? run : undefined;
    }, 'the next sync to complete', 60_000);
    expect(done.outcome).toBe('succeeded');

    const rows = await sql<{ n: number; distinct_ids: number }>`
      SELECT count(*)::int AS n, count(DISTINCT (policy_type, external_id))::int AS distinct_ids FROM inventory_items WHERE tenant_id = ${tenantId}`.execute(harness.database.db);
    expect(rows.rows[0]).toEqual({ n: expected, distinct_ids: expected });
    const syncRows = await sql<{ operation_run_id: number; status: string }>`
      SELECT operation_run_id, status FROM inventory_sync_runs WHERE tenant_id = ${tenantId} ORDER BY id`.execute(harness.database.db);
    expect(syncRows.rows).toEqual([
      { operation_run_id: first.run.id, status: 'failed' },
      { operation_run_id: second.run.id, status: 'succeeded' },
    ]);
    const staged = await sql<{ n: number }>`SELECT count(*)::int AS n FROM inventory_sync_staged`.execute(harness.database.db);
    expect(staged.rows[0]!.n).toBe(0);
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
  }, 180_000);
});
