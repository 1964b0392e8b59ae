import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/audit';
import type { JobLogger } from '../../src/jobs/job-logger';
import { RUN_QUEUE } from '../../src/jobs/job-queue';
import { startOperation } from '../../src/use-cases/operations/start-operation';
import { eventually, insertTenant, openEngineHarness, waitForCompletion, type EngineHarness } from '../support/operations-harness';
import { createTestWorkspace } from '../support/test-app';
import { databaseTargets, type DatabaseTarget } from '../support/test-database';

// Issue 20 items 8 and 9: a worker's job loops survive database errors (the next job runs once the database
// answers again), GET /readyz names the worker while its loops cannot fetch, and a job the worker cannot use is
// failed and logged, never silently completed.

interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

function capturingLogger(): { log: JobLogger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (fields: object, message: string) => void lines.push({ level, message, fields: fields as Record<string, unknown> });
  return { log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

async function openHarness(target: DatabaseTarget) {
  const { log, lines } = capturingLogger();
  // Two job loops (testWorkerSettings), polling every 0.5 s; the reconciler cannot rescue a queued run here.
  const harness = await openEngineHarness(target, { log });
  const workspaceId = (await createTestWorkspace(harness.database, 'survival')).id;
  const tenantId = await insertTenant(harness.database, workspaceId, 'Survivor');
  return { harness, lines, tenantId };
}

async function startSleepRun(harness: EngineHarness, tenantId: number): Promise<number> {
  const result = await startOperation(
    { db: harness.database.db, queue: harness.engine.queue },
    { tenantId, type: 'test.sleep', audit: { actor: systemActor('test'), ip: null }, selection: { sleep_ms: 20 } },
  );
  if (!result.ok) throw new Error(result.message);
  return result.run.id;
}

async function readiness(harness: EngineHarness) {
  const response = await harness.app.inject({ method: 'GET', url: '/readyz' });
  return { statusCode: response.statusCode, body: response.json<{ status: string; failing?: string[]; reasons?: { worker?: string } }>() };
}

async function jobState(harness: EngineHarness, jobId: string) {
  const job = await harness.engine.queue.boss.getJobById(RUN_QUEUE, jobId);
  if (!job) throw new Error(`job ${jobId} not found`);
  return job;
}

describe.each(databaseTargets())('job loops on %s', (target) => {
  let harness: EngineHarness;
  let lines: LogLine[];
  let tenantId: number;

  beforeAll(async () => {
    ({ harness, lines, tenantId } = await openHarness(target));
  });
  afterAll(async () => harness?.close());

  it('report the worker in /readyz while the queue cannot be read, and run the next job once it can', async () => {
    expect(await readiness(harness)).toEqual({ statusCode: 200, body: { status: 'ok' } });
    // pg-boss 10 keeps every queue's jobs in partitions of pgboss.job, and fetches through that parent table: while
    // it is renamed, each fetch fails with "relation pgboss.job does not exist" (a database error, as an operator
    // would see after a botched migration or a restore in progress).
    await sql`ALTER TABLE pgboss.job RENAME TO job_away`.execute(harness.database.db);
    let unavailable: Awaited<ReturnType<typeof readiness>>;
    try {
      unavailable = await eventually(async () => {
        const ready = await readiness(harness);
        return ready.statusCode === 503 ? ready : undefined;
      }, '/readyz to answer 503 while the job loops cannot fetch');
    } finally {
      await sql`ALTER TABLE pgboss.job_away RENAME TO job`.execute(harness.database.db);
    }
    // Only the worker fails: the database, migrations and the queue's own check still answer.
    expect(unavailable.body).toEqual({ status: 'unavailable', failing: ['worker'], reasons: { worker: expect.stringContaining('cannot fetch jobs') } });
    // The probe answers anyone: it says how many loops fail and since when, but not the host, the pid or the error.
    expect(unavailable.body.reasons!.worker).toMatch(/^[12] of 2 job loops cannot fetch jobs from the queue \(since \d{4}-\d\d-\d\dT[\d:.]+Z\); see the worker's log\.$/);
    expect(unavailable.body.reasons!.worker).not.toContain(os.hostname());
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'job loop could not fetch a job; it tries again after a pause', fields: expect.objectContaining({ queue: RUN_QUEUE, error: expect.stringContaining('job') }) }),
    );

    await eventually(async () => (await readiness(harness)).statusCode === 200, '/readyz to answer 200 once the loops fetch again');
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', message: 'job loop fetches again' }));
    const runId = await startSleepRun(harness, tenantId);
    expect((await waitForCompletion(harness.database, runId)).outcome).toBe('succeeded');
  });

  it('fail a job without a valid run_id and log it as an error, instead of completing it', async () => {
    const jobId = await harness.engine.queue.boss.send(RUN_QUEUE, { run_id: 'seven' });
    if (!jobId) throw new Error('the job was not sent');
    harness.engine.queue.wake();
    const handled = await eventually(async () => {
      const job = await jobState(harness, jobId);
      return job.state === 'created' || job.state === 'active' ? undefined : job;
    }, 'the worker to handle the job');
    // Failed (pg-boss retries it, as any failed job; every attempt fails the same way and is logged), not completed.
    expect(['retry', 'failed']).toContain(handled.state);
    expect(handled.output).toEqual(expect.objectContaining({ message: 'The job has no valid run_id.' }));
    expect(lines).toContainEqual({
      level: 'error',
      message: 'failed a job that no run can be executed for',
      fields: { queue: RUN_QUEUE, job_id: jobId, error: 'The job has no valid run_id.' },
    });
  });

  it('log a failed job whose failure the queue rejects', async () => {
    // pg-boss fails a job by deleting it and inserting it again in state retry or failed: a trigger makes exactly
    // that insert an error, so boss.fail() rejects while fetches keep working.
    await sql`CREATE FUNCTION test_reject_job_failure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'marking jobs failed is refused for this test'; END $$`.execute(harness.database.db);
    await sql`CREATE TRIGGER reject_fail BEFORE INSERT ON pgboss.job FOR EACH ROW
      WHEN (NEW.state::text IN ('retry', 'failed')) EXECUTE FUNCTION test_reject_job_failure()`.execute(harness.database.db);
    try {
      const jobId = await harness.engine.queue.boss.send(RUN_QUEUE, { run_id: 'eight' });
      if (!jobId) throw new Error('the job was not sent');
      harness.engine.queue.wake();
      const line = await eventually(
        async () => lines.find((entry) => entry.message === 'job could not be marked failed; it is retried when it expires' && entry.fields.job_id === jobId),
        'the rejected fail to be logged',
      );
      expect(line).toEqual({
        level: 'error',
        message: 'job could not be marked failed; it is retried when it expires',
        fields: { queue: RUN_QUEUE, job_id: jobId, error: expect.stringContaining('marking jobs failed is refused for this test') },
      });
      expect((await jobState(harness, jobId)).state).toBe('active');
    } finally {
      await sql`DROP TRIGGER reject_fail ON pgboss.job`.execute(harness.database.db);
      await sql`DROP FUNCTION test_reject_job_failure()`.execute(harness.database.db);
    }
    // The loop that logged it takes the next job.
    const runId = await startSleepRun(harness, tenantId);
    expect((await waitForCompletion(harness.database, runId)).outcome).toBe('succeeded');
  });
});

// PostgreSQL only: the embedded database has no connections to cut, and one session cannot block another. Without TEST_DATABASE_URL the suite is reported
// as skipped (as its siblings do), not as a file without a suite, which fails the run.
describe.skipIf(!process.env.TEST_DATABASE_URL)('job loops whose connections are cut or blocked on postgres', () => {
  let harness: EngineHarness;
  let lines: LogLine[];
  let tenantId: number;

  beforeAll(async () => {
    ({ harness, lines, tenantId } = await openHarness('postgres'));
  });
  afterAll(async () => harness?.close());

  it('run the next job after every connection of the worker was terminated in the middle of its fetches', async () => {
    const admin = new pg.Client({ connectionString: harness.database.url });
    await admin.connect();
    try {
      // Hold the job table, so that each job loop's next fetch is surely in flight (waiting for the lock) when its
      // connection is cut; cutting idle connections alone would mostly hit none.
      await admin.query('BEGIN');
      await admin.query('LOCK TABLE pgboss.job IN ACCESS EXCLUSIVE MODE');
      const waitingFetches = async () => {
        const { rows } = await admin.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE SKIP LOCKED%'`,
        );
        return rows[0]!.n;
      };
      await eventually(async () => (await waitingFetches()) >= 2, 'both job loops to wait in a fetch');
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      await admin.query('ROLLBACK');
    } finally {
      await admin.end();
    }

    // Both loops saw their fetch fail...
    await eventually(
      async () => lines.filter((line) => line.message === 'job loop could not fetch a job; it tries again after a pause').length >= 2,
      'both job loops to log the failed fetch',
    );
    // ...and fetch again: /readyz is back to 200 and the next run executes.
    await eventually(async () => (await readiness(harness)).statusCode === 200, '/readyz to answer 200 again');
    const runId = await startSleepRun(harness, tenantId);
    expect((await waitForCompletion(harness.database, runId)).outcome).toBe('succeeded');
  });

  it('report the worker in /readyz while its fetches hang on a lock, and run the next job once they return', async () => {
    const admin = new pg.Client({ connectionString: harness.database.url });
    await admin.connect();
    let unavailable: Awaited<ReturnType<typeof readiness>>;
    try {
      // No error ever comes: each fetch waits for the lock (as behind a long migration or a stuck transaction).
      await admin.query('BEGIN');
      await admin.query('LOCK TABLE pgboss.job IN ACCESS EXCLUSIVE MODE');
      unavailable = await eventually(async () => {
        const ready = await readiness(harness);
        return ready.statusCode === 503 && ready.body.failing?.includes('worker') ? ready : undefined;
      }, '/readyz to name the worker while the fetches hang');
    } finally {
      await admin.query('ROLLBACK').finally(() => admin.end());
    }
    // The queue's own check fails too meanwhile (pg-boss's small pool is busy with waiting queries), at once; the
    // worker is named once a fetch has hung for FETCH_STALL_MS.
    expect(unavailable.body.reasons!.worker).toContain('cannot fetch jobs');

    await eventually(async () => (await readiness(harness)).statusCode === 200, '/readyz to answer 200 once the fetches return');
    const runId = await startSleepRun(harness, tenantId);
    expect((await waitForCompletion(harness.database, runId)).outcome).toBe('succeeded');
  });
});
