import { sql } from 'kysely';
import { systemActor } from '../../src/domain/audit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOperation } from '../../src/use-cases/operations/start-operation';
import { bearer, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets } from '../support/test-database';
import { eventually, insertTenant, openEngineHarness, readRun, waitForCompletion, type EngineHarness } from '../support/operations-harness';

// The in-process engine as `serve` runs it: a run started through the use case is executed once by the
// worker and completed with its outcome; failures are sanitized; cancel and reconcile always win.
describe.each(databaseTargets())('operations engine on %s', (target) => {
  let harness: EngineHarness;
  let manager: TestMember;
  let workspaceId: number;
  let tenantId: number;

  const start = async (selection: Record<string, unknown>) => {
    const result = await startOperation(
      { db: harness.database.db, queue: harness.engine.queue },
      { tenantId, type: 'test.sleep', audit: { actor: { user_id: manager.id, token_id: null, name: 'manager' }, ip: null }, selection },
    );
    if (!result.ok) throw new Error(result.message);
    return result.run.id;
  };

  beforeAll(async () => {
    harness = await openEngineHarness(target);
    workspaceId = (await createTestWorkspace(harness.database, 'engine')).id;
    manager = await createMember(harness.database, 'engine', 'manager@engine.example', 'manager');
    tenantId = await insertTenant(harness.database, workspaceId, 'Engine tenant');
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('executes a started run once and completes it as succeeded with its counts', async () => {
    const runId = await start({ sleep_ms: 20, label: 'ok' });
    const run = await waitForCompletion(harness.database, runId);
    expect(run.outcome).toBe('succeeded');
    expect(run.summary_counts).toEqual({ total: 1, processed: 1, succeeded: 1 });
    expect(run.context.executions).toHaveLength(1);
    const view = await bearer(harness.app, manager.token, 'GET', `/api/operations/${runId}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().run).toMatchObject({ status: 'completed', outcome: 'succeeded', outcome_presentation: { label: 'Succeeded' } });
    expect(view.json().run.duration_seconds).toBeGreaterThanOrEqual(0);
  });

  it('executes a run whose job is delivered twice only once', async () => {
    const runId = await start({ sleep_ms: 200, label: 'twice' });
    await harness.engine.queue.enqueue(runId);
    await harness.engine.queue.enqueue(runId);
    const run = await waitForCompletion(harness.database, runId);
    expect(run.outcome).toBe('succeeded');
    // The extra deliveries found the run no longer queued and were skipped.
    await eventually(async () => (await jobsLeft(harness)) === 0, 'the queue to drain');
    expect((await readRun(harness.database, runId)).context.executions).toHaveLength(1);
  });

  it('fails a run whose handler raises a coded failure, with that code', async () => {
    const runId = await start({ sleep_ms: 1, fail_code: 'graph.throttled', fail_message: 'Microsoft Graph kept throttling.' });
    const run = await waitForCompletion(harness.database, runId);
    expect(run.outcome).toBe('failed');
    expect(run.failure_summary).toEqual([{ code: 'graph.throttled', message: 'Microsoft Graph kept throttling.', count: 1 }]);
  });

  it('fails a run whose handler throws, with a sanitized entry and no secret in it', async () => {
    const message = 'boom: client_secret=abc8Q~s3cr3tV4lu3xyzXYZ0123456789abcd Authorization: Bearer eyJhbGciOi.eyJzdWIiOi.sig {"raw":"payload"}';
    const runId = await start({ sleep_ms: 1, throw_message: message });
    const run = await waitForCompletion(harness.database, runId);
    expect(run.outcome).toBe('failed');
    expect(run.failure_summary).toHaveLength(1);
    const [entry] = run.failure_summary;
    expect(entry!.code).toBe('run.handler_error');
    expect(entry!.message).toContain('boom');
    for (const leaked of ['abc8Q~s3cr3t', 'eyJhbGciOi', '"raw"', 'payload']) expect(entry!.message).not.toContain(leaked);
  });

  it('ends a run that recorded a failure but finished as partial', async () => {
    const runId = await start({ sleep_ms: 1, partial_code: 'inventory.type_failed' });
    const run = await waitForCompletion(harness.database, runId);
    expect(run.outcome).toBe('partial');
    expect(run.failure_summary.map((entry) => entry.code)).toEqual(['inventory.type_failed']);
  });

  it('fails a run of a type no handler knows with run.unknown_type', async () => {
    const inserted = await sql<{ id: number }>`
      INSERT INTO operation_runs (workspace_id, tenant_id, type) VALUES (${workspaceId}, ${tenantId}, 'legacy.export') RETURNING id`.execute(harness.database.db);
    const runId = inserted.rows[0]!.id;
    await harness.engine.queue.enqueue(runId);
    const run = await waitForCompletion(harness.database, runId);
    expect(run.outcome).toBe('failed');
    expect(run.failure_summary[0]?.code).toBe('run.unknown_type');
  });

  it('cancels a running run: the handler stops and the run stays cancelled', async () => {
    const runId = await start({ sleep_ms: 60_000, label: 'long' });
    await eventually(async () => (await readRun(harness.database, runId)).status === 'running', 'the run to start');
    const cancelled = await bearer(harness.app, manager.token, 'POST', `/api/operations/${runId}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().run).toMatchObject({ status: 'completed', outcome: 'cancelled', outcome_presentation: { label: 'Cancelled' } });
    // The worker lets go of the run (its job ends) without overwriting the cancellation.
    await eventually(async () => (await jobsLeft(harness)) === 0, 'the cancelled run to be released by its worker');
    const run = await readRun(harness.database, runId);
    expect([run.status, run.outcome]).toEqual(['completed', 'cancelled']);
    expect(run.failure_summary).toEqual([]);
    const again = await bearer(harness.app, manager.token, 'POST', `/api/operations/${runId}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('operation.not_active');
  });

  it('writes a run and its job in one transaction: a refusing queue leaves no run, a crash before commit no job', async () => {
    const tenant = await insertTenant(harness.database, workspaceId, 'Atomic starts');
    const audit = { actor: systemActor('test'), ip: null };
    const runsOf = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM operation_runs WHERE tenant_id = ${tenant}`.execute(harness.database.db)).rows[0]!.n);
    const jobsFor = async (runId: number) =>
      Number((await sql<{ n: string }>`SELECT count(*) AS n FROM pgboss.job WHERE data->>'run_id' = ${String(runId)}`.execute(harness.database.db)).rows[0]!.n);

    const refusing = { enqueue: async () => Promise.reject(new Error('queue down')), wake: () => {} };
    const refused = await startOperation({ db: harness.database.db, queue: refusing }, { tenantId: tenant, type: 'test.sleep', audit });
    expect(refused).toMatchObject({ ok: false, code: 'operation.queue_unavailable' });
    expect(await runsOf()).toBe(0);
    const audited = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_entries WHERE tenant_id = ${tenant}`.execute(harness.database.db);
    expect(Number(audited.rows[0]!.n)).toBe(0);

    // The process dies after writing the run and its job but before the commit: neither exists afterwards.
    let crashedRunId = 0;
    await expect(
      harness.database.db.transaction().execute(async (trx) => {
        const inserted = await sql<{ id: number }>`INSERT INTO operation_runs (workspace_id, tenant_id, type) VALUES (${workspaceId}, ${tenant}, 'test.sleep') RETURNING id`.execute(trx);
        crashedRunId = inserted.rows[0]!.id;
        await harness.engine.queue.enqueue(crashedRunId, trx);
        const inside = await sql<{ n: string }>`SELECT count(*) AS n FROM pgboss.job WHERE data->>'run_id' = ${String(crashedRunId)}`.execute(trx);
        expect(Number(inside.rows[0]!.n)).toBe(1);
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect(await runsOf()).toBe(0);
    expect(await jobsFor(crashedRunId)).toBe(0);

    // And a start that commits has both, and runs.
    const started = await startOperation({ db: harness.database.db, queue: harness.engine.queue }, { tenantId: tenant, type: 'test.sleep', selection: { sleep_ms: 1 }, audit });
    if (!started.ok) throw new Error(started.message);
    expect(await jobsFor(started.run.id)).toBe(1);
    expect((await waitForCompletion(harness.database, started.run.id)).outcome).toBe('succeeded');
  });

  it('refuses to execute a queued run whose tenant was archived meanwhile', async () => {
    const archived = await insertTenant(harness.database, workspaceId, 'Soon archived');
    const result = await startOperation({ db: harness.database.db, queue: { enqueue: async () => {}, wake: () => {} } }, { tenantId: archived, type: 'test.sleep', audit: { actor: systemActor('test'), ip: null } });
    if (!result.ok) throw new Error(result.message);
    await sql`UPDATE tenants SET status = 'archived' WHERE id = ${archived}`.execute(harness.database.db);
    await harness.engine.queue.enqueue(result.run.id);
    const run = await waitForCompletion(harness.database, result.run.id);
    expect(run.outcome).toBe('failed');
    expect(run.failure_summary[0]).toMatchObject({ code: 'operation.tenant_not_active' });
    expect(run.failure_summary[0]!.message).toContain('Archived');
  });

  it('reconciles a running run whose worker stopped heart-beating to failed with worker.lost', async () => {
    const inserted = await sql<{ id: number }>`
      INSERT INTO operation_runs (workspace_id, tenant_id, type, status, started_at, heartbeat_at, worker_id)
      VALUES (${workspaceId}, ${tenantId}, 'test.sleep', 'running', now() - interval '10 minutes', now() - interval '5 minutes', 'gone-worker')
      RETURNING id`.execute(harness.database.db);
    const run = await waitForCompletion(harness.database, inserted.rows[0]!.id);
    expect(run.outcome).toBe('failed');
    expect(run.failure_summary).toEqual([expect.objectContaining({ code: 'worker.lost', count: 1 })]);
  });

  it('reconciles a queued run far older than any queue delay', async () => {
    const inserted = await sql<{ id: number }>`
      INSERT INTO operation_runs (workspace_id, tenant_id, type, created_at) VALUES (${workspaceId}, ${tenantId}, 'test.sleep', now() - interval '2 days')
      RETURNING id`.execute(harness.database.db);
    const run = await waitForCompletion(harness.database, inserted.rows[0]!.id);
    expect(run.failure_summary[0]?.code).toBe('worker.lost');
  });
});

/** Jobs of the run queue not yet finished (created, retry or active). */
async function jobsLeft(harness: EngineHarness): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'operation-run' AND state < 'completed'`.execute(harness.database.db);
  return result.rows[0]!.n;
}
