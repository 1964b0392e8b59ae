import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunChange } from '../../src/jobs/run-change-feed';
import { openEventStream } from '../support/event-stream';
import { eventually, insertTenant, openEngineHarness, type EngineHarness } from '../support/operations-harness';
import { createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { openTestDatabase, type TestDatabase } from '../support/test-database';

// Notifications sent while the LISTEN connection is down are lost. When it is back, every subscriber of the
// run change feed is told to resync, and every open event stream tells its browser to re-read
// (`event: resync`). PostgreSQL only: PGlite runs in process and its listener never drops.

/** Ends the listener's backend connection, as a database restart or a network cut would; returns how many. */
async function terminateListener(database: TestDatabase): Promise<number> {
  const result = await sql<{ terminated: boolean }>`
    SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
    WHERE application_name = 'tenantatlas-listen' AND datname = current_database()`.execute(database.db);
  return result.rows.filter((row) => row.terminated).length;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('run changes after the LISTEN connection drops (postgres)', () => {
  it('calls onResync once LISTEN is re-established, never for the first connect, and delivers again', async () => {
    const database = await openTestDatabase('postgres');
    const payloads: string[] = [];
    let resyncs = 0;
    const unlisten = await database.listen('resync_probe', (payload) => payloads.push(payload), { onResync: () => (resyncs += 1) });
    const notify = (payload: string) => sql`SELECT pg_notify('resync_probe', ${payload})`.execute(database.db);
    try {
      await notify('before');
      await eventually(async () => payloads.includes('before'), 'the first notification');
      expect(resyncs).toBe(0);

      expect(await terminateListener(database)).toBe(1);
      await eventually(async () => resyncs >= 1, 'onResync after the reconnect');
      expect(resyncs).toBe(1);

      await notify('after');
      await eventually(async () => payloads.includes('after'), 'a notification after the reconnect');
      expect(payloads).toEqual(['before', 'after']);
    } finally {
      await unlisten();
      await database.close();
    }
  });

  describe('through the run change feed and the tenant events stream', () => {
    let harness: EngineHarness;
    let baseUrl: string;
    let viewer: TestMember;
    let workspaceId: number;
    let watched: number;

    beforeAll(async () => {
      harness = await openEngineHarness('postgres', { worker: false });
      baseUrl = await harness.app.listen({ port: 0, host: '127.0.0.1' });
      workspaceId = (await createTestWorkspace(harness.database, 'resync')).id;
      viewer = await createMember(harness.database, 'resync', 'viewer@resync.example', 'readonly');
      watched = await insertTenant(harness.database, workspaceId, 'Watched');
    });
    afterAll(async () => {
      await harness?.close();
    });

    it('tells subscribers and open streams to resync, then delivers run changes again', async () => {
      const changes: RunChange[] = [];
      let resyncs = 0;
      const unsubscribe = harness.engine.feed.subscribe({ change: (change) => changes.push(change), resync: () => (resyncs += 1) });
      const stream = await openEventStream(`${baseUrl}/api/tenants/${watched}/events`, viewer.token);
      try {
        expect(stream.status).toBe(200);
        const runId = (
          await sql<{ id: number }>`
            INSERT INTO operation_runs (workspace_id, tenant_id, type) VALUES (${workspaceId}, ${watched}, 'inventory.sync') RETURNING id`.execute(harness.database.db)
        ).rows[0]!.id;
        await eventually(async () => stream.events.length >= 1, 'the insert event');
        expect(resyncs).toBe(0);

        expect(await terminateListener(harness.database)).toBe(1);
        await eventually(async () => stream.events.some((event) => event.event === 'resync'), 'the resync event');
        expect(resyncs).toBe(1);

        const changesBefore = changes.length;
        await sql`UPDATE operation_runs SET status = 'running', started_at = now() WHERE id = ${runId}`.execute(harness.database.db);
        await eventually(async () => stream.events.length >= 3, 'the start event after the reconnect');
        expect(changes.slice(changesBefore)).toEqual([{ id: runId, tenant_id: watched, workspace_id: workspaceId }]);

        expect(stream.events.map((event) => event.event)).toEqual(['run', 'resync', 'run']);
        expect(JSON.parse(stream.events[1]!.data)).toEqual({});
        expect(JSON.parse(stream.events[2]!.data).run).toMatchObject({ id: runId, status: 'running' });
      } finally {
        stream.close();
        unsubscribe();
      }
    });
  });
});
