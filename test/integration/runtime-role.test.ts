// The owner / runtime split (issue 20 item 6). The audit trail's trigger refuses UPDATE, DELETE and TRUNCATE, but the
// table's owner can switch it off; so `migrate --runtime-role` creates a role for serve and the workers that may
// append to the trail and never rewrite it. Here: a database owned by a non-superuser owner role (as a managed
// PostgreSQL gives you), first run as that owner alone and then split by the CLI; a server and its worker running as
// the runtime role, a real use case writing the trail through it; every way around the trigger refused to that role;
// and a fresh database set up by `migrate --runtime-role` alone.
// PostgreSQL only: the embedded PGlite has a single user and no roles.
import crypto from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database';
import { scramSha256Verifier } from '../../src/db/scram-verifier';
import { systemActor } from '../../src/domain/audit';
import { startGraphSim, type GraphSim } from '../../src/graph-sim';
import { silentJobLogger } from '../../src/jobs/job-logger';
import { openJobQueue } from '../../src/jobs/job-queue';
import { deriveKeys } from '../../src/security/secret-key';
import { saveTenantProviderConnection } from '../../src/use-cases/tenants/save-provider-connection';
import { eventually, insertTenant } from '../support/operations-harness';
import { runCli } from '../support/run-cli';
import { spawnServer, type ServerProcess } from '../support/server-process';
import { createMember, TEST_SECRET_KEY } from '../support/test-app';

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)('the runtime role on PostgreSQL', () => {
  const suffix = crypto.randomBytes(5).toString('hex');
  const owner = `ta_owner_${suffix}`;
  const runtime = `ta_runtime_${suffix}`;
  const database = `tenantatlas_roles_${suffix}`;
  const freshDatabase = `tenantatlas_roles_fresh_${suffix}`;
  const urlAs = (user: string, password?: string, db = database) => {
    const url = new URL(adminUrl!);
    url.username = user;
    url.password = password ?? '';
    url.pathname = `/${db}`;
    return url.toString();
  };
  // Built only when the suite runs: without TEST_DATABASE_URL there is nothing to build it from.
  const ownerUrl = adminUrl ? urlAs(owner) : '';
  let runtimeUrl: string;
  let sim: GraphSim;
  let server: ServerProcess | undefined;

  const withClient = async <T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };
  const asAdmin = <T>(run: (client: pg.Client) => Promise<T>, db?: string) => {
    const url = new URL(adminUrl!);
    if (db) url.pathname = `/${db}`;
    return withClient(url.toString(), run);
  };
  const cliEnv = () => ({ TENANTATLAS_MIGRATION_DATABASE_URL: ownerUrl, TENANTATLAS_SECRET_KEY: TEST_SECRET_KEY });
  const auditCount = async () => Number((await withClient(ownerUrl, (c) => c.query('SELECT count(*) AS n FROM audit_entries'))).rows[0].n);

  beforeAll(async () => {
    sim = await startGraphSim();
    // The owner is no superuser: it owns the database and may create roles, nothing more.
    await asAdmin(async (client) => {
      await client.query(`CREATE ROLE ${owner} LOGIN CREATEROLE`);
      await client.query(`CREATE DATABASE ${database} OWNER ${owner}`);
    });
  }, 60_000);
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await sim?.close();
    await asAdmin(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.query(`DROP DATABASE IF EXISTS ${freshDatabase} WITH (FORCE)`);
      await client.query(`DROP ROLE IF EXISTS ${runtime}`);
      await client.query(`DROP ROLE IF EXISTS ${owner}`);
    });
  });

  it('migrate as the owner splits an existing deployment: creates the runtime role and prints its connection once', async () => {
    // Until now the deployment ran as the owner alone: migrated, and the queue set up by a server (the app's own
    // queue code, so its partition tables belong to the owner).
    const plain = await runCli(['migrate'], { env: cliEnv() });
    expect(plain.code, plain.stderr).toBe(0);
    const asOwner = await openDatabase({ databaseUrl: ownerUrl });
    try {
      await (await openJobQueue(asOwner, ownerUrl, silentJobLogger)).stop();
    } finally {
      await asOwner.close();
    }

    const result = await runCli(['migrate', '--runtime-role', runtime], { env: cliEnv() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`Created the runtime role "${runtime}"`);
    const printed = /^DATABASE_URL=(\S+)$/m.exec(result.stdout)?.[1];
    expect(printed, result.stdout).toBeDefined();
    runtimeUrl = printed!;
    const password = decodeURIComponent(new URL(runtimeUrl).password);
    expect(password.length).toBeGreaterThanOrEqual(24);
    // Shown on stdout only, once; the progress messages never carry it.
    expect(result.stderr).not.toContain(password);

    const role = await asAdmin(async (client) => (await client.query('SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolcanlogin, rolpassword FROM pg_authid WHERE rolname = $1', [runtime])).rows[0]);
    expect(role).toMatchObject({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, rolcanlogin: true });
    // The stored verifier is what PostgreSQL itself derives from that password (same salt, same iterations).
    const salt = Buffer.from(/^SCRAM-SHA-256\$4096:([^$]+)\$/.exec(role.rolpassword)![1]!, 'base64');
    expect(role.rolpassword).toBe(scramSha256Verifier(password, salt));

    // A second migrate brings the role up to date and generates nothing.
    const again = await runCli(['migrate', '--runtime-role', runtime], { env: cliEnv() });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`Updated the runtime role "${runtime}"`);
    expect(again.stdout).not.toContain('DATABASE_URL=');
  }, 120_000);

  it('refuses to make a superuser the runtime role', async () => {
    const result = await runCli(['migrate', '--runtime-role', 'postgres'], { env: cliEnv() });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('role "postgres" exists with SUPER');
  }, 60_000);

  it('a server and its worker run as the runtime role, and a started sync writes the trail', async () => {
    const env = { DATABASE_URL: runtimeUrl, TENANTATLAS_SECRET_KEY: TEST_SECRET_KEY, TENANTATLAS_GRAPH_URL: sim.url, TENANTATLAS_LOGIN_URL: sim.url };
    // The CLI as the runtime role: opening the (current) database changes nothing and succeeds.
    const created = await runCli(['workspace', 'create', '--name', 'Roles', '--slug', 'roles'], { env });
    expect(created.code, created.stderr).toBe(0);
    const workspaceId = (JSON.parse(created.stdout) as { id: number }).id;
    // The rest of the set-up through the app's own code, connected as the runtime role too.
    const handle = await openDatabase({ databaseUrl: runtimeUrl });
    const asRuntime = { ...handle, url: runtimeUrl };
    let token: string;
    let tenantId: number;
    try {
      token = (await createMember(asRuntime, 'roles', 'operator@roles.example', 'operator')).token;
      tenantId = await insertTenant(asRuntime, workspaceId, 'Contoso');
      const simTenant = sim.tenants[0]!;
      await saveTenantProviderConnection(handle.db, deriveKeys(TEST_SECRET_KEY).encryptionKey, { tenantId, clientId: simTenant.client_id, clientSecret: simTenant.client_secret, entraTenantId: simTenant.entra_tenant_id }, { actor: systemActor('test'), ip: null });
    } finally {
      await handle.close();
    }

    server = await spawnServer([], env);
    const api = async <T>(method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server!.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as T };
    };
    const started = await api<{ run: { id: number } }>('POST', `/api/tenants/${tenantId}/inventory/sync`, { policy_types: ['deviceCompliancePolicy'] });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.run.id;
    const run = await eventually(async () => {
      const current = await api<{ run?: { status: string; outcome: string } }>('GET', `/api/operations/${runId}`);
      return current.body.run?.status === 'completed' ? current.body.run : undefined;
    }, 'the in-process worker to complete the sync', 60_000);
    expect(run.outcome).toBe('succeeded');

    const trail = await withClient(ownerUrl, (c) => c.query('SELECT action FROM audit_entries WHERE workspace_id = $1', [workspaceId]));
    expect(trail.rows.map((row) => row.action)).toEqual(expect.arrayContaining(['provider_connection.saved', 'operation.started']));
  }, 180_000);

  it('the runtime role cannot rewrite the trail in any of the ways around the trigger', async () => {
    const before = await auditCount();
    expect(before).toBeGreaterThan(0);
    const attempts = {
      update: "UPDATE audit_entries SET action = 'tenant.created'",
      delete: 'DELETE FROM audit_entries',
      truncate: 'TRUNCATE audit_entries',
      disableTrigger: 'ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only',
      dropTrigger: 'DROP TRIGGER audit_entries_append_only ON audit_entries',
      replicationRole: 'SET session_replication_role = replica',
      newTrigger: 'CREATE TRIGGER t BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_change()',
      forgeMigrationLog: "DELETE FROM kysely_migration WHERE name = '0012-administration'",
      newTable: 'CREATE TABLE audit_entries_copy (id bigint)',
    };
    const outcomes = await withClient(runtimeUrl, async (client) => {
      const result: Record<string, string> = {};
      for (const [name, statement] of Object.entries(attempts)) {
        result[name] = await client.query(statement).then(
          () => 'succeeded',
          (error: { code?: string; message: string }) => `${error.code}: ${error.message}`,
        );
      }
      return result;
    });
    // Refused by the privileges, before any trigger runs ("permission denied"/"must be owner"), not by the trigger
    // ("audit entries are append-only"), which is what the owner alone would meet and could switch off.
    for (const [name, outcome] of Object.entries(outcomes)) {
      expect(outcome, name).toMatch(/^42501: (permission denied|must be owner)/);
    }
    expect(await auditCount()).toBe(before);

    // Appending still works for the runtime role.
    await withClient(runtimeUrl, (client) => client.query("INSERT INTO audit_entries (workspace_id, actor_name, action, target_type, target_id) SELECT id, 'test', 'schedule.changed', 'workspace', id::text FROM workspaces LIMIT 1"));
    expect(await auditCount()).toBe(before + 1);
  });

  it('the owner, by contrast, can switch the trigger off: why serve must not connect as the owner', async () => {
    const outcome = await withClient(ownerUrl, async (client) => {
      await client.query('BEGIN');
      try {
        await client.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only');
        return (await client.query('DELETE FROM audit_entries')).rowCount;
      } finally {
        await client.query('ROLLBACK');
      }
    });
    expect(outcome).toBeGreaterThan(0);
  });

  it('serve as the runtime role refuses a database that needs migrations, and says to migrate as the owner', async () => {
    await server?.stop();
    server = undefined;
    // As if a newer release with one more migration were started before `migrate` ran.
    const last = (await withClient(ownerUrl, (c) => c.query('DELETE FROM kysely_migration WHERE name = (SELECT max(name) FROM kysely_migration) RETURNING name, timestamp'))).rows[0];
    try {
      const result = await runCli(['serve', '--no-worker'], { env: { DATABASE_URL: runtimeUrl, TENANTATLAS_SECRET_KEY: TEST_SECRET_KEY, PORT: '0' } });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`The database needs migration ${last.name}, which role "${runtime}" cannot apply`);
      expect(result.stderr).toContain('Run `tenantatlas migrate` as the owner first');
    } finally {
      await withClient(ownerUrl, (c) => c.query('INSERT INTO kysely_migration (name, timestamp) VALUES ($1, $2)', [last.name, last.timestamp]));
    }
  }, 60_000);

  it('on a fresh database, migrate --runtime-role installs the queue for the runtime role, which creates and works its queues', async () => {
    await asAdmin((client) => client.query(`CREATE DATABASE ${freshDatabase} OWNER ${owner}`));
    const freshOwnerUrl = urlAs(owner, undefined, freshDatabase);
    const result = await runCli(['migrate', '--runtime-role', runtime], { env: { ...cliEnv(), TENANTATLAS_MIGRATION_DATABASE_URL: freshOwnerUrl } });
    expect(result.code, result.stderr).toBe(0);
    // The role exists already (it is the cluster's): this database gets its grants, and no new password.
    expect(result.stderr).toContain(`Updated the runtime role "${runtime}"`);
    const runtimeOnFresh = new URL(runtimeUrl);
    runtimeOnFresh.pathname = `/${freshDatabase}`;
    const boss = new PgBoss({ connectionString: runtimeOnFresh.toString(), schema: 'pgboss', supervise: false, schedule: false });
    await boss.start();
    try {
      await boss.createQueue('runtime-made', { name: 'runtime-made' });
      const jobId = await boss.send('runtime-made', { hello: 'world' });
      const [job] = await boss.fetch('runtime-made');
      expect(job?.id).toBe(jobId);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }, 120_000);
});

describe('the runtime role on the embedded database', () => {
  it('is refused: PGlite has one user and no roles', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tenantatlas-roles-'));
    try {
      const result = await runCli(['migrate', '--runtime-role', 'tenantatlas_app'], { env: { TENANTATLAS_DATA_DIR: dataDir } });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('--runtime-role needs PostgreSQL');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
