import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { AppConfig } from '../../src/config';
import { buildApp } from '../../src/http/app';
import type { ZodApp } from '../../src/http/app-context';
import { silentJobLogger, type JobLogger } from '../../src/jobs/job-logger';
import { startOperationsEngine, type OperationsEngine } from '../../src/jobs/operations-engine';
import { defaultWorkerSettings, type WorkerSettings } from '../../src/jobs/worker-settings';
import type { Runtime } from '../../src/runtime/open-runtime';
import { deriveKeys } from '../../src/security/secret-key';
import { TEST_SECRET_KEY, testConfig } from './test-app';
import type { DatabaseTarget, TestDatabase } from './test-database';
import { openTestDatabase } from './test-database';

// The operations engine wired as `serve` wires it (queue, change feed, optional in-process worker), on a
// fresh test database, with settings short enough for tests: fast polling, heartbeats every 200 ms.
export const testWorkerSettings: WorkerSettings = {
  ...defaultWorkerSettings,
  concurrency: 2,
  pollIntervalSeconds: 0.5,
  heartbeatSeconds: 0.2,
  heartbeatStaleSeconds: 30,
  reconcileIntervalSeconds: 0.5,
  shutdownGraceSeconds: 2,
  testRunTypes: true,
};

export interface EngineHarness {
  database: TestDatabase;
  config: AppConfig;
  engine: OperationsEngine;
  app: ZodApp;
  close(): Promise<void>;
}

export async function openEngineHarness(
  target: DatabaseTarget,
  options: { worker?: boolean; settings?: Partial<WorkerSettings>; config?: Partial<AppConfig>; log?: JobLogger; httpLogger?: FastifyBaseLogger } = {},
): Promise<EngineHarness> {
  const database = await openTestDatabase(target);
  const config = testConfig({ databaseUrl: database.url, ...options.config });
  const keys = deriveKeys(TEST_SECRET_KEY);
  const runtime: Runtime = { config, database, keys, close: async () => {} };
  const engine = await startOperationsEngine(runtime, {
    worker: options.worker ?? true,
    settings: { ...testWorkerSettings, ...options.settings },
    log: options.log ?? silentJobLogger,
  });
  const app = await buildApp({ db: database.db, config, keys, operations: engine }, { serveWebApp: false, logger: options.httpLogger });
  return {
    database,
    config,
    engine,
    app,
    close: async () => {
      await app.close();
      await engine.stop();
      await database.close();
    },
  };
}

/** A tenant row straight in the database, in any lifecycle state (also non-canonical ones). */
export async function insertTenant(database: TestDatabase, workspaceId: number, name: string, status = 'active', entraTenantId: string | null = null) {
  const result = await sql<{ id: number }>`
    INSERT INTO tenants (workspace_id, name, status, entra_tenant_id) VALUES (${workspaceId}, ${name}, ${status}, ${entraTenantId}) RETURNING id`.execute(database.db);
  return result.rows[0]!.id;
}

export interface RunState {
  id: number;
  status: string;
  outcome: string;
  worker_id: string | null;
  context: Record<string, unknown>;
  summary_counts: Record<string, unknown>;
  failure_summary: Array<{ code: string; message: string; count: number }>;
}

export async function readRun(database: TestDatabase, runId: number): Promise<RunState> {
  const result = await sql<RunState>`
    SELECT id, status, outcome, worker_id, context, summary_counts, failure_summary FROM operation_runs WHERE id = ${runId}`.execute(database.db);
  const run = result.rows[0];
  if (!run) throw new Error(`run ${runId} not found`);
  return run;
}

/** Polls until `check` returns a value (not undefined/false); the deadline only guards against hanging. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function waitForCompletion(database: TestDatabase, runId: number, timeoutMs?: number): Promise<RunState> {
  return eventually(async () => {
    const run = await readRun(database, runId);
    return run.status === 'completed' ? run : undefined;
  }, `run ${runId} to complete`, timeoutMs);
}
