import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { openEventStream } from '../support/event-stream';
import { databaseTargets } from '../support/test-database';
import { eventually, insertTenant, openEngineHarness, type EngineHarness } from '../support/operations-harness';

// GET /api/tenants/:tenant_id/events: a change of one of the tenant's runs arrives as `event: run`, and
// changes of other tenants' runs never do. Changes are made with plain SQL on the database — as a worker
// in another process would — so the path through NOTIFY is the one exercised.
describe.each(databaseTargets())('tenant events stream on %s', (target) => {
  let harness: EngineHarness;
  let baseUrl: string;
  let viewer: TestMember;
  let workspaceId: number;
  let watched: number;
  let other: number;

  beforeAll(async () => {
    harness = await openEngineHarness(target, { worker: false });
    baseUrl = await harness.app.listen({ port: 0, host: '127.0.0.1' });
    workspaceId = (await createTestWorkspace(harness.database, 'events')).id;
    viewer = await createMember(harness.database, 'events', 'viewer@events.example', 'readonly');
    watched = await insertTenant(harness.database, workspaceId, 'Watched');
    other = await insertTenant(harness.database, workspaceId, 'Other');
  });
  afterAll(async () => {
    await harness?.close();
  });

  const insertRun = async (tenantId: number) =>
    (await sql<{ id: number }>`INSERT INTO operation_runs (workspace_id, tenant_id, type) VALUES (${workspaceId}, ${tenantId}, 'inventory.sync') RETURNING id`.execute(harness.database.db)).rows[0]!.id;

  it('sends the watched tenant\'s run changes and nothing of another tenant', async () => {
    const stream = await openEventStream(`${baseUrl}/api/tenants/${watched}/events`, viewer.token);
    try {
      expect(stream.status).toBe(200);
      const othersRun = await insertRun(other);
      await sql`UPDATE operation_runs SET status = 'running', started_at = now() WHERE id = ${othersRun}`.execute(harness.database.db);
      // Notifications arrive in commit order, so once the watched run's event is here, any event for the
      // other tenant's earlier changes would have arrived before it.
      const runId = await insertRun(watched);
      await eventually(async () => stream.events.length >= 1, 'the insert event');
      await sql`UPDATE operation_runs SET status = 'completed', outcome = 'succeeded', started_at = now(), completed_at = now(), summary_counts = '{"total": 3}' WHERE id = ${runId}`.execute(harness.database.db);
      await eventually(async () => stream.events.length >= 2, 'the completion event');

      const runs = stream.events.map((event) => ({ event: event.event, run: JSON.parse(event.data).run }));
      expect(runs.map((message) => message.event)).toEqual(['run', 'run']);
      expect(runs.map((message) => message.run.id)).toEqual([runId, runId]);
      expect(runs[0]!.run).toMatchObject({ tenant_id: watched, status: 'queued', type_label: 'Inventory sync' });
      expect(runs[1]!.run).toMatchObject({ status: 'completed', outcome: 'succeeded', summary_counts: { total: 3 } });
    } finally {
      stream.close();
    }
  });

  it('does not announce a heartbeat, which changes nothing a user sees', async () => {
    const stream = await openEventStream(`${baseUrl}/api/tenants/${watched}/events`, viewer.token);
    try {
      const runId = await insertRun(watched);
      await eventually(async () => stream.events.length >= 1, 'the insert event');
      await sql`UPDATE operation_runs SET heartbeat_at = now() WHERE id = ${runId}`.execute(harness.database.db);
      await sql`UPDATE operation_runs SET status = 'running', started_at = now() WHERE id = ${runId}`.execute(harness.database.db);
      await eventually(async () => stream.events.length >= 2, 'the start event');
      expect(stream.events.map((event) => JSON.parse(event.data).run.status)).toEqual(['queued', 'running']);
    } finally {
      stream.close();
    }
  });

  it('answers an outsider 404 like any tenant-scoped route', async () => {
    await createTestWorkspace(harness.database, 'elsewhere');
    const outsider = await createMember(harness.database, 'elsewhere', 'outsider@events.example', 'owner');
    const response = await bearer(harness.app, outsider.token, 'GET', `/api/tenants/${watched}/events`);
    expect(response.statusCode).toBe(404);
  });

  it('answers 503 on an app built without the engine', async () => {
    const app = await buildTestApp(harness.database);
    try {
      const response = await bearer(app, viewer.token, 'GET', `/api/tenants/${watched}/events`);
      expect(response.statusCode).toBe(503);
      expect(response.json().error.code).toBe('events.unavailable');
    } finally {
      await app.close();
    }
  });
});
