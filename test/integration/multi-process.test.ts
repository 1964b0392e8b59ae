// Several servers and workers on one PostgreSQL (issue 10): two `serve --no-worker` processes behind an imaginary load
// balancer and two `tenantatlas worker` processes. A run started through server A streams live to a page watching
// server B; the sign-in limit counts attempts made at either server together; a hundred syncs started across both
// servers execute exactly once each; access ended through one server ends at the other within a notification's
// time; a worker killed in the middle of a run is reconciled while the other keeps going;
// and a restarted server still knows its signed-in sessions. PostgreSQL only: the embedded database has one owner.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/audit';
import { silentJobLogger } from '../../src/jobs/job-logger';
import { startOperationsEngine } from '../../src/jobs/operations-engine';
import { startGraphSim, type GraphSim } from '../../src/graph-sim';
import { deriveKeys } from '../../src/security/secret-key';
import { saveTenantProviderConnection } from '../../src/use-cases/tenants/save-provider-connection';
import { openEventStream } from '../support/event-stream';
import { eventually, insertTenant } from '../support/operations-harness';
import { spawnServer, type ServerProcess } from '../support/server-process';
import { testWorkerSettings } from '../support/operations-harness';
import { createMember, createTestWorkspace, TEST_SECRET_KEY, testConfig, type TestMember } from '../support/test-app';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { spawnWorker, type WorkerProcess } from '../support/worker-process';

const RUNS = 100;

describe.skipIf(!process.env.TEST_DATABASE_URL)('two servers and two workers on one PostgreSQL', () => {
  let database: TestDatabase;
  let sim: GraphSim;
  let env: Record<string, string>;
  let serverA: ServerProcess;
  let serverB: ServerProcess;
  const workers: WorkerProcess[] = [];
  let operator: TestMember;
  let reader: TestMember;
  let tenantIds: number[];
  let slowTenantId: number;
  let tenantWorkspaceId: number;

  beforeAll(async () => {
    sim = await startGraphSim();
    database = await openTestDatabase('postgres');
    const workspace = await createTestWorkspace(database, 'fleet');
    tenantWorkspaceId = workspace.id;
    operator = await createMember(database, 'fleet', 'operator@fleet.example', 'operator');
    reader = await createMember(database, 'fleet', 'reader@fleet.example', 'readonly');
    const encryptionKey = deriveKeys(TEST_SECRET_KEY).encryptionKey;
    const connect = async (name: string, simTenant: (typeof sim.tenants)[number]) => {
      const id = await insertTenant(database, workspace.id, name, 'active');
      await saveTenantProviderConnection(database.db, encryptionKey, { tenantId: id, clientId: simTenant.client_id, clientSecret: simTenant.client_secret, entraTenantId: simTenant.entra_tenant_id }, { actor: systemActor('test'), ip: null });
      return id;
    };
    tenantIds = [];
    for (let n = 0; n < RUNS; n += 1) tenantIds.push(await connect(`Fleet tenant ${n}`, sim.tenants[0]!));
    slowTenantId = await connect('Slow tenant', sim.tenants[1]!);

    env = {
      DATABASE_URL: database.url!,
      TENANTATLAS_SECRET_KEY: TEST_SECRET_KEY,
      TENANTATLAS_GRAPH_URL: sim.url,
      TENANTATLAS_LOGIN_URL: sim.url,
      TENANTATLAS_LOGIN_RATE_LIMIT: '4',
      LOG_LEVEL: 'info',
    };
    [serverA, serverB] = await Promise.all([spawnServer(['--no-worker'], env), spawnServer(['--no-worker'], env)]);
    const workerEnv = { ...env, TENANTATLAS_HEARTBEAT_STALE_SECONDS: '3', TENANTATLAS_RECONCILE_INTERVAL_SECONDS: '0.5', TENANTATLAS_WORKER_CONCURRENCY: '4' };
    workers.push(...(await Promise.all([spawnWorker(database.url, workerEnv), spawnWorker(database.url, workerEnv)])));
  }, 180_000);
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all([serverA?.stop('SIGKILL'), serverB?.stop('SIGKILL')]);
    await sim?.close();
    await database?.close();
  });

  const api = (server: ServerProcess, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${operator.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const startSync = async (server: ServerProcess, tenantId: number) => {
    const response = await api(server, 'POST', `/api/tenants/${tenantId}/inventory/sync`, { policy_types: ['deviceCompliancePolicy'] });
    expect(response.status, await response.clone().text()).toBe(202);
    return ((await response.json()) as { run: { id: number } }).run.id;
  };
  const runRow = async (runId: number) =>
    (await sql<{ status: string; outcome: string; worker_id: string | null; failure_summary: Array<{ code: string }> }>`SELECT status, outcome, worker_id, failure_summary FROM operation_runs WHERE id = ${runId}`.execute(database.db)).rows[0]!;

  it('streams a run started through server A live to a page watching server B', async () => {
    const stream = await openEventStream(`${serverB.url}/api/tenants/${tenantIds[0]}/events`, operator.token);
    expect(stream.status).toBe(200);
    try {
      const runId = await startSync(serverA, tenantIds[0]!);
      await eventually(async () => stream.events.some((event) => event.event === 'run' && (JSON.parse(event.data) as { run: { id: number; status: string } }).run.id === runId && event.data.includes('"status":"completed"')), 'server B to stream the completed run', 60_000);
      const seen = stream.events.filter((event) => event.event === 'run').map((event) => (JSON.parse(event.data) as { run: { id: number; status: string } }).run).filter((run) => run.id === runId);
      expect(seen.map((run) => run.status)).toContain('completed');
    } finally {
      stream.close();
    }
  });

  it('counts sign-in attempts at either server against one limit', async () => {
    const attempt = async (server: ServerProcess) =>
      (await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: operator.email, password: 'wrong-password-here' }) })).status;
    const statuses: number[] = [];
    for (let n = 0; n < 8; n += 1) statuses.push(await attempt(n % 2 === 0 ? serverA : serverB));
    // Four per minute per address and email, wherever they land; then both servers refuse.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
  });

  it('ends access at server B as soon as it is ended through server A, although B remembers it for a few seconds', async () => {
    const owner = await createMember(database, 'fleet', 'owner@fleet.example', 'owner');
    const leaving = await createMember(database, 'fleet', 'leaving@fleet.example', 'operator');
    const revoking = await createMember(database, 'fleet', 'revoking@fleet.example', 'readonly');
    const statusAt = (server: ServerProcess, token: string, method = 'GET', path = `/api/tenants/${tenantIds[0]}`) =>
      fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } }).then((response) => response.status);
    // Both servers have just answered these members, so both remember their tokens and roles.
    for (const server of [serverA, serverB]) {
      expect(await statusAt(server, leaving.token)).toBe(200);
      expect(await statusAt(server, revoking.token)).toBe(200);
    }
    const tokens = (await (await fetch(`${serverA.url}/api/me/tokens`, { headers: { authorization: `Bearer ${revoking.token}` } })).json()) as { tokens: Array<{ id: number }> };
    expect(await statusAt(serverA, revoking.token, 'DELETE', `/api/me/tokens/${tokens.tokens[0]!.id}`)).toBe(204);
    expect(await statusAt(serverA, owner.token, 'DELETE', `/api/workspaces/${tenantWorkspaceId}/members/${leaving.id}`)).toBe(204);
    // Within a notification's time (well under the cache's 5 s) at the other server.
    await eventually(async () => (await statusAt(serverB, revoking.token)) === 401, 'server B to refuse the revoked token', 2_000);
    await eventually(async () => (await statusAt(serverB, leaving.token)) === 404, 'server B to refuse the removed member', 2_000);
  });

  it(`executes ${RUNS} syncs started across both servers exactly once each, on both workers`, async () => {
    const runIds: number[] = [];
    for (const [n, tenantId] of tenantIds.entries()) runIds.push(await startSync(n % 2 === 0 ? serverA : serverB, tenantId));
    await eventually(async () => {
      const done = await sql<{ n: number }>`SELECT count(*)::int AS n FROM operation_runs WHERE id = ANY(${runIds}) AND status = 'completed'`.execute(database.db);
      return done.rows[0]!.n === runIds.length;
    }, `all ${RUNS} runs to complete`, 150_000);
    const rows = await sql<{ id: number; outcome: string; worker_id: string }>`SELECT id, outcome, worker_id FROM operation_runs WHERE id = ANY(${runIds})`.execute(database.db);
    expect(rows.rows.filter((row) => row.outcome !== 'succeeded')).toEqual([]);
    // Exactly once: each run was started by one worker, once (the workers' own log lines, written within a second).
    const startsPerRun = () => {
      const counts = new Map<number, number>();
      for (const worker of workers) {
        for (const line of worker.stderr) if (line.includes('"msg":"run started"')) counts.set((JSON.parse(line) as { run_id: number }).run_id, (counts.get((JSON.parse(line) as { run_id: number }).run_id) ?? 0) + 1);
      }
      return counts;
    };
    await eventually(async () => runIds.every((id) => startsPerRun().has(id)), 'every run’s start line in the workers’ logs', 10_000);
    const counts = startsPerRun();
    expect(runIds.filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect(new Set(rows.rows.map((row) => row.worker_id))).toEqual(new Set(workers.map((worker) => worker.id)));
  });

  it('reconciles the run of a killed worker while the other worker keeps going', async () => {
    sim.faults.set(sim.tenants[1]!.entra_tenant_id, { kind: 'slow', delayMs: 60_000 });
    const slowRun = await startSync(serverA, slowTenantId);
    const claimed = await eventually(async () => {
      const row = await runRow(slowRun);
      return row.status === 'running' && row.worker_id ? row.worker_id : undefined;
    }, 'a worker to claim the slow run', 30_000);
    const victim = workers.find((worker) => worker.id === claimed)!;
    const survivor = workers.find((worker) => worker.id !== claimed)!;
    victim.child.kill('SIGKILL');
    await victim.exited;

    const reconciled = await eventually(async () => {
      const row = await runRow(slowRun);
      return row.status === 'completed' ? row : undefined;
    }, 'the killed worker’s run to be reconciled', 60_000);
    expect(reconciled.outcome).toBe('failed');
    expect(reconciled.failure_summary[0]!.code).toBe('worker.lost');
    sim.faults.clear(sim.tenants[1]!.entra_tenant_id);

    const after = await startSync(serverB, tenantIds[1]!);
    const done = await eventually(async () => {
      const row = await runRow(after);
      return row.status === 'completed' ? row : undefined;
    }, 'the surviving worker to run the next sync', 60_000);
    expect(done).toMatchObject({ outcome: 'succeeded', worker_id: survivor.id });
  });

  it('keeps signed-in sessions when a server restarts', async () => {
    const signIn = await fetch(`${serverB.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: reader.email, password: reader.password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie().map((set) => set.split(';')[0]).join('; ');
    const me = (server: ServerProcess) => fetch(`${server.url}/api/me`, { headers: { cookie } }).then((response) => response.status);
    expect(await me(serverA)).toBe(200);

    await serverB.stop();
    serverB = await spawnServer(['--no-worker'], env);
    expect(await me(serverB)).toBe(200);
    expect(await me(serverA)).toBe(200);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('processes starting at the same moment on a fresh PostgreSQL', () => {
  it('take turns at creating the job queue instead of deadlocking (four at once, with workers and schedules)', async () => {
    const database = await openTestDatabase('postgres');
    try {
      const runtime = { config: testConfig({ databaseUrl: database.url }), database, keys: deriveKeys(TEST_SECRET_KEY), close: async () => {} };
      // Without the startup lock (src/db/startup-lock.ts), four pg-boss installs at once deadlocked in 15 of 24 tries.
      const started = await Promise.allSettled([0, 1, 2, 3].map(() => startOperationsEngine(runtime, { worker: true, settings: testWorkerSettings, log: silentJobLogger })));
      for (const result of started) if (result.status === 'fulfilled') await result.value.stop();
      expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'started'))).toEqual(['started', 'started', 'started', 'started']);
    } finally {
      await database.close();
    }
  });
});
