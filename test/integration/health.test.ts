import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database';
import { buildApp } from '../../src/http/app';
import { silentJobLogger } from '../../src/jobs/job-logger';
import { startOperationsEngine } from '../../src/jobs/operations-engine';
import { deriveKeys } from '../../src/security/secret-key';
import { openEngineHarness, testWorkerSettings, type EngineHarness } from '../support/operations-harness';
import { TEST_SECRET_KEY, testConfig } from '../support/test-app';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';
import { buildTestApp } from '../support/test-app';

describe.each(databaseTargets())('health and readiness on %s', (target) => {
  let harness: EngineHarness;
  beforeAll(async () => {
    harness = await openEngineHarness(target, { worker: false });
  });
  afterAll(async () => harness?.close());

  it('answers /healthz and /readyz itself, as JSON, never the web app', async () => {
    const health = await harness.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers['cache-control']).toBe('no-store');
    const ready = await harness.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok' });
  });

  it('answers probes without a session lookup, whatever cookie comes along', async () => {
    const ready = await harness.app.inject({ method: 'GET', url: '/readyz', headers: { cookie: 'ta_session=forged.value', authorization: 'Bearer nope' } });
    expect(ready.statusCode).toBe(200);
  });

  it('names the migrations check while a migration this build knows is not applied', async () => {
    const { rows } = await sql<{ name: string; timestamp: string }>`SELECT name, timestamp FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(harness.database.db);
    const latest = rows[0]!;
    await sql`DELETE FROM kysely_migration WHERE name = ${latest.name}`.execute(harness.database.db);
    try {
      const ready = await harness.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable', failing: ['migrations'] });
    } finally {
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${latest.name}, ${latest.timestamp})`.execute(harness.database.db);
    }
    expect((await harness.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});

describe('readiness without an operations engine', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(async () => database?.close());

  it('names the queue: nothing here could run a started operation', async () => {
    const app = await buildTestApp(database);
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', failing: ['queue'] });
    await app.close();
  });
});

/** A TCP proxy in front of PostgreSQL that the test can take down (dropping every connection) and bring back. */
async function startProxy(targetPort: number) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const up = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(targetPort, '127.0.0.1');
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const down = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server?.close(() => resolve());
    });
  await up();
  return { port: () => port, up, down };
}

describe.runIf(process.env.TEST_DATABASE_URL)('readiness while PostgreSQL is unreachable', () => {
  it('answers 503 naming the database (and the queue) while it is down, and 200 once it is back', async () => {
    const database = await openTestDatabase('postgres');
    const target = new URL(database.url!);
    const proxy = await startProxy(Number(target.port || 5432));
    const proxied = new URL(database.url!);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port());
    const handle = await openDatabase({ databaseUrl: proxied.toString() });
    const config = testConfig({ databaseUrl: proxied.toString() });
    const keys = deriveKeys(TEST_SECRET_KEY);
    const engine = await startOperationsEngine(
      { config, database: handle, keys, close: async () => {} },
      { worker: false, settings: testWorkerSettings, log: silentJobLogger },
    );
    const app = await buildApp({ db: handle.db, config, keys, operations: engine }, { serveWebApp: false });
    try {
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      await proxy.down();
      const down = await app.inject({ method: 'GET', url: '/readyz' });
      expect(down.statusCode).toBe(503);
      expect(down.json().status).toBe('unavailable');
      expect(down.json().failing).toContain('database');
      // Liveness does not depend on the database: the process is fine, it just cannot work right now.
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      await proxy.up();
      await expect.poll(async () => (await app.inject({ method: 'GET', url: '/readyz' })).statusCode, { timeout: 30_000, interval: 500 }).toBe(200);
    } finally {
      await app.close();
      await engine.stop().catch(() => {});
      await handle.close();
      await proxy.down();
      await database.close();
    }
  }, 90_000);
});
