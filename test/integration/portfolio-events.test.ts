import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { openEventStream } from '../support/event-stream';
import { databaseTargets } from '../support/test-database';
import { eventually, insertTenant, openEngineHarness, type EngineHarness } from '../support/operations-harness';

// Issue 20 item 17: the portfolio updates live, as the dashboard and the operations index do. Its page listens on
// GET /api/workspaces/:workspace_id/events: a change of a run of any tenant of the workspace arrives as
// `event: run`, and another workspace's runs never do. Changes are plain SQL, as a worker elsewhere makes them.
describe.each(databaseTargets())('workspace events stream on %s', (target) => {
  let harness: EngineHarness;
  let baseUrl: string;
  let viewer: TestMember;
  let workspaceId: number;
  let otherWorkspaceId: number;
  let first: number;
  let second: number;
  let stranger: number;

  beforeAll(async () => {
    harness = await openEngineHarness(target, { worker: false });
    baseUrl = await harness.app.listen({ port: 0, host: '127.0.0.1' });
    workspaceId = (await createTestWorkspace(harness.database, 'portfolio-live')).id;
    otherWorkspaceId = (await createTestWorkspace(harness.database, 'portfolio-other')).id;
    viewer = await createMember(harness.database, 'portfolio-live', 'viewer@portfolio.example', 'readonly');
    first = await insertTenant(harness.database, workspaceId, 'First');
    second = await insertTenant(harness.database, workspaceId, 'Second');
    stranger = await insertTenant(harness.database, otherWorkspaceId, 'Stranger');
  });
  afterAll(async () => {
    await harness?.close();
  });

  const insertRun = async (workspace: number, tenantId: number) =>
    (await sql<{ id: number }>`INSERT INTO operation_runs (workspace_id, tenant_id, type) VALUES (${workspace}, ${tenantId}, 'drift.scan') RETURNING id`.execute(harness.database.db)).rows[0]!.id;

  it("sends every tenant's run changes of the workspace and nothing of another workspace", async () => {
    const stream = await openEventStream(`${baseUrl}/api/workspaces/${workspaceId}/events`, viewer.token);
    try {
      expect(stream.status).toBe(200);
      await insertRun(otherWorkspaceId, stranger);
      // Notifications arrive in commit order: once the later runs' events are here, the stranger's would have been too.
      const firstRun = await insertRun(workspaceId, first);
      const secondRun = await insertRun(workspaceId, second);
      await eventually(async () => stream.events.length >= 2, 'both runs of the workspace');
      await sql`UPDATE operation_runs SET status = 'completed', outcome = 'failed', started_at = now(), completed_at = now() WHERE id = ${firstRun}`.execute(harness.database.db);
      await eventually(async () => stream.events.length >= 3, 'the completion');
      const runs = stream.events.map((event) => JSON.parse(event.data).run as { id: number; tenant_id: number; status: string });
      expect(runs.map((run) => [run.id, run.tenant_id, run.status])).toEqual([
        [firstRun, first, 'queued'],
        [secondRun, second, 'queued'],
        [firstRun, first, 'completed'],
      ]);
    } finally {
      stream.close();
    }
  });

  it('is not found for a viewer of another workspace', async () => {
    const outsider = await createMember(harness.database, 'portfolio-other', 'outsider@portfolio.example', 'owner');
    const response = await bearer(harness.app, outsider.token, 'GET', `/api/workspaces/${workspaceId}/events`);
    expect(response.statusCode).toBe(404);
  });
});
