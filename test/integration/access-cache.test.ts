import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { openEventStream } from '../support/event-stream';
import { eventually, insertTenant, openEngineHarness, type EngineHarness } from '../support/operations-harness';
import { createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets } from '../support/test-database';

// Each server process remembers token owners and workspace roles for a few seconds (issue 10, http/access-cache.ts).
// Access must still end at once: on the very next request of the person who ended it through this server, and
// within a notification's time for a change made anywhere else (another server, the CLI, a database session) —
// well before the cache's own lifetime would have ended it.
const NOTIFICATION_MS = 2_000;

describe.each(databaseTargets())('access remembered per process still ends at once, on %s', (target) => {
  let harness: EngineHarness;
  let baseUrl: string;
  let workspaceId: number;
  let tenantId: number;
  let owner: TestMember;

  beforeAll(async () => {
    expect(NOTIFICATION_MS).toBeLessThan(loadConfig({}).accessCacheMs);
    harness = await openEngineHarness(target, { worker: false });
    baseUrl = await harness.app.listen({ port: 0, host: '127.0.0.1' });
    workspaceId = (await createTestWorkspace(harness.database, 'remembered')).id;
    owner = await createMember(harness.database, 'remembered', 'owner@remembered.example', 'owner');
    tenantId = await insertTenant(harness.database, workspaceId, 'Remembered tenant');
  });
  afterAll(async () => harness?.close());

  const call = (token: string, method: string, path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const statusOf = async (token: string, method: string, path: string, body?: unknown) => (await call(token, method, path, body)).status;
  const tenantPath = () => `/api/tenants/${tenantId}`;

  it('refuses a token revoked through the API on its very next request, and closes its stream', async () => {
    const member = await createMember(harness.database, 'remembered', 'revoked@remembered.example', 'readonly');
    expect(await statusOf(member.token, 'GET', tenantPath())).toBe(200);
    const stream = await openEventStream(`${baseUrl}/api/tenants/${tenantId}/events`, member.token);
    expect(stream.status).toBe(200);
    const { tokens } = (await (await call(member.token, 'GET', '/api/me/tokens')).json()) as { tokens: Array<{ id: number }> };
    expect(await statusOf(member.token, 'DELETE', `/api/me/tokens/${tokens[0]!.id}`)).toBe(204);

    expect(await statusOf(member.token, 'GET', tenantPath())).toBe(401);
    // Revocation is announced like a deletion now (migration 0015), so the stream does not wait for its next ping.
    await Promise.race([stream.ended, new Promise((_, reject) => setTimeout(() => reject(new Error('the revoked token\'s stream stayed open')), NOTIFICATION_MS))]);
  });

  it('applies a role lowered through the API to the member\'s very next request', async () => {
    const coOwner = await createMember(harness.database, 'remembered', 'co-owner@remembered.example', 'owner');
    const membersPath = `/api/workspaces/${workspaceId}/members`;
    // An empty body: an owner is told what is missing (400), anyone lower is refused before the body is read (403).
    expect(await statusOf(coOwner.token, 'POST', membersPath, {})).toBe(400);
    expect(await statusOf(owner.token, 'PATCH', `${membersPath}/${coOwner.id}`, { role: 'readonly' })).toBe(200);
    expect(await statusOf(coOwner.token, 'POST', membersPath, {})).toBe(403);
  });

  it('answers 404 to a member removed through the API on their very next request', async () => {
    const leaving = await createMember(harness.database, 'remembered', 'leaving@remembered.example', 'operator');
    expect(await statusOf(leaving.token, 'GET', tenantPath())).toBe(200);
    expect(await statusOf(owner.token, 'DELETE', `/api/workspaces/${workspaceId}/members/${leaving.id}`)).toBe(204);
    expect(await statusOf(leaving.token, 'GET', tenantPath())).toBe(404);
  });

  it('ends access changed outside this server within a notification\'s time, not the cache\'s lifetime', async () => {
    const removed = await createMember(harness.database, 'remembered', 'elsewhere@remembered.example', 'readonly');
    const revoked = await createMember(harness.database, 'remembered', 'cli-revoked@remembered.example', 'readonly');
    expect(await statusOf(removed.token, 'GET', tenantPath())).toBe(200);
    expect(await statusOf(revoked.token, 'GET', tenantPath())).toBe(200);
    // What another server process or the CLI would do: change the rows, not call this server.
    await sql`DELETE FROM workspace_memberships WHERE user_id = ${removed.id} AND workspace_id = ${workspaceId}`.execute(harness.database.db);
    await sql`UPDATE api_tokens SET revoked_at = now() WHERE user_id = ${revoked.id}`.execute(harness.database.db);
    await eventually(async () => (await statusOf(removed.token, 'GET', tenantPath())) === 404, 'the removed member to be refused', NOTIFICATION_MS);
    await eventually(async () => (await statusOf(revoked.token, 'GET', tenantPath())) === 401, 'the revoked token to be refused', NOTIFICATION_MS);
  });

  it('lets a member added a moment ago in at once (not being a member is never remembered)', async () => {
    const newcomer = await createMember(harness.database, 'remembered', 'newcomer@remembered.example', 'readonly');
    const outsiderWorkspace = (await createTestWorkspace(harness.database, 'elsewhere')).id;
    const otherTenant = await insertTenant(harness.database, outsiderWorkspace, 'Not yet theirs');
    expect(await statusOf(newcomer.token, 'GET', `/api/tenants/${otherTenant}`)).toBe(404);
    await sql`INSERT INTO workspace_memberships (workspace_id, user_id, role) VALUES (${outsiderWorkspace}, ${newcomer.id}, 'readonly')`.execute(harness.database.db);
    expect(await statusOf(newcomer.token, 'GET', `/api/tenants/${otherTenant}`)).toBe(200);
  });
});
