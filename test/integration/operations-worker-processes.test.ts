import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { systemActor } from '../../src/domain/audit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOperation } from '../../src/use-cases/operations/start-operation';
import { createTestWorkspace } from '../support/test-app';
import { repoRoot, spawnWorker, type WorkerProcess } from '../support/worker-process';
import { databaseTargets } from '../support/test-database';
import { eventually, insertTenant, openEngineHarness, readRun, type EngineHarness } from '../support/operations-harness';

// Real worker processes against one PostgreSQL database: the guarantees of SPEC §6 across processes.
describe.each(databaseTargets())('worker processes on %s', (target) => {
  let harness: EngineHarness;
  let workspaceId: number;
  let tenantId: number;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    // This process only starts runs (queue without a worker), as `serve --no-worker` would.
    harness = await openEngineHarness(target, { worker: false });
    workspaceId = (await createTestWorkspace(harness.database, 'processes')).id;
    tenantId = await insertTenant(harness.database, workspaceId, 'Busy tenant');
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await harness?.close();
  });

  const startSleep = async (selection: Record<string, unknown>) => {
    const result = await startOperation({ db: harness.database.db, queue: harness.engine.queue }, { tenantId, type: 'test.sleep', audit: { actor: systemActor('test'), ip: null }, selection });
    if (!result.ok) throw new Error(result.message);
    return result.run.id;
  };

  it.skipIf(target === 'pglite')(
    'two worker processes execute 100 runs, each exactly once, even with every job delivered twice (PostgreSQL only: the embedded database belongs to one process)',
    async () => {
      const [first, second] = [await spawnWorker(harness.database.url), await spawnWorker(harness.database.url)];
      workers.push(first, second);
      const runIds: number[] = [];
      for (let n = 0; n < 100; n += 1) {
        const runId = await startSleep({ n, sleep_ms: 20 });
        await harness.engine.queue.enqueue(runId); // a duplicate delivery of the same run
        runIds.push(runId);
      }
      await eventually(async () => {
        const done = await sql<{ n: number }>`SELECT count(*)::int AS n FROM operation_runs WHERE id = ANY(${runIds}) AND status = 'completed'`.execute(harness.database.db);
        return done.rows[0]!.n === runIds.length;
      }, 'all 100 runs to complete', 120_000);

      const runs = await Promise.all(runIds.map((id) => readRun(harness.database, id)));
      expect(runs.filter((run) => run.outcome !== 'succeeded')).toEqual([]);
      const executions = runs.map((run) => run.context.executions as string[]);
      expect(executions.filter((list) => list.length !== 1)).toEqual([]);
      expect(new Set(executions.flat()).size).toBeLessThanOrEqual(2);
      for (const workerId of executions.flat()) expect([first.id, second.id]).toContain(workerId);

      // SIGTERM stops both gracefully.
      first.child.kill('SIGTERM');
      second.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(await second.exited).toBe(0);
    },
  );

  it.skipIf(target === 'pglite')(
    'a worker killed with SIGKILL mid-run leaves a run that another worker reconciles to failed with worker.lost (PostgreSQL only: needs separate processes)',
    async () => {
      const doomed = await spawnWorker(harness.database.url);
      workers.push(doomed);
      const runId = await startSleep({ sleep_ms: 600_000, label: 'long' });
      await eventually(async () => {
        const run = await readRun(harness.database, runId);
        return run.status === 'running' && run.worker_id === doomed.id;
      }, 'the doomed worker to start the run');
      doomed.child.kill('SIGKILL');
      await doomed.exited;
      expect((await readRun(harness.database, runId)).status).toBe('running');

      const survivor = await spawnWorker(harness.database.url, {
        TENANTATLAS_HEARTBEAT_STALE_SECONDS: '2',
        TENANTATLAS_RECONCILE_INTERVAL_SECONDS: '0.5',
      });
      workers.push(survivor);
      const run = await eventually(async () => {
        const current = await readRun(harness.database, runId);
        return current.status === 'completed' ? current : undefined;
      }, 'the reconciler to complete the lost run');
      expect(run.outcome).toBe('failed');
      expect(run.failure_summary).toEqual([expect.objectContaining({ code: 'worker.lost', count: 1 })]);
      // Log lines are buffered and written at least every second (runtime/logger.ts), so the line may follow the row.
      await eventually(async () => survivor.stderr.join('\n').includes('reconciled runs whose worker was lost'), 'the survivor to log the reconciliation', 5_000);
      survivor.child.kill('SIGTERM');
      expect(await survivor.exited).toBe(0);
    },
  );

  it('refuses to run as a separate process on the embedded database, explaining why', async () => {
    const child = spawn(process.execPath, ['bin/tenantatlas.mjs', 'worker'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toContain('serve');
    expect(stderr).toContain('in-process');
  });
});
