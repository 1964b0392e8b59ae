// Workspace administration over HTTP (issue 8): members and roles with the last-owner guard, invitations that
// expire and work once, a removed member's session and token refused at once, personal tokens that can expire
// and be revoked — each change in the audit trail.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodApp } from '../../src/http/app-context';
import { bearer, buildTestApp, createMember, createTestWorkspace, SessionClient, type TestMember } from '../support/test-app';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';

describe.each(databaseTargets())('members, invitations and tokens on %s', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let workspaceId: number;
  let owner: TestMember;
  let manager: TestMember;
  let reader: TestMember;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database);
    workspaceId = (await createTestWorkspace(database, 'team')).id;
    owner = await createMember(database, 'team', 'owner@team.example', 'owner');
    manager = await createMember(database, 'team', 'manager@team.example', 'manager');
    reader = await createMember(database, 'team', 'reader@team.example', 'readonly');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const members = async (as: TestMember = reader) => (await bearer(app, as.token, 'GET', `/api/workspaces/${workspaceId}/members`)).json<{ members: Array<{ user_id: number; email: string; role: string; last_sign_in_at: string | null }>; invitations: Array<{ id: number; email: string; expired: boolean }> }>();
  const latestAudit = async (action: string) =>
    (await bearer(app, reader.token, 'GET', `/api/workspaces/${workspaceId}/audit?action=${action}`)).json<{ entries: Array<{ actor: { user_id: number | null }; target_id: string | null; summary: Record<string, unknown> }> }>().entries[0];

  it('lists members with role and last sign-in to every member, and only owners change membership', async () => {
    const list = await members();
    expect(list.members.map((member) => [member.email, member.role])).toEqual([
      ['manager@team.example', 'manager'],
      ['owner@team.example', 'owner'],
      ['reader@team.example', 'readonly'],
    ]);
    const refused = await bearer(app, manager.token, 'POST', `/api/workspaces/${workspaceId}/members`, { email: 'x@team.example', role: 'readonly' });
    expect(refused.statusCode).toBe(403);
  });

  it('adds an existing user at once, refuses a second time, and changes roles', async () => {
    // Someone with an account, in another workspace.
    await createTestWorkspace(database, 'elsewhere-team');
    const colleague = await createMember(database, 'elsewhere-team', 'colleague@team.example', 'owner');
    const added = await bearer(app, owner.token, 'POST', `/api/workspaces/${workspaceId}/members`, { email: 'Colleague@team.example', role: 'operator' });
    expect(added.statusCode).toBe(201);
    expect(added.json().member).toMatchObject({ user_id: colleague.id, role: 'operator' });
    expect(await latestAudit('member.added')).toMatchObject({ actor: { user_id: owner.id }, target_id: String(colleague.id), summary: { after: { role: 'operator' } } });
    expect((await bearer(app, owner.token, 'POST', `/api/workspaces/${workspaceId}/members`, { email: 'colleague@team.example', role: 'readonly' })).statusCode).toBe(409);

    const changed = await bearer(app, owner.token, 'PATCH', `/api/workspaces/${workspaceId}/members/${colleague.id}`, { role: 'manager' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().member.role).toBe('manager');
    expect(await latestAudit('member.role_changed')).toMatchObject({ summary: { before: { role: 'operator' }, after: { role: 'manager' } } });
  });

  it('keeps the last owner: neither demoted nor removed, with the reason', async () => {
    const demote = await bearer(app, owner.token, 'PATCH', `/api/workspaces/${workspaceId}/members/${owner.id}`, { role: 'manager' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error).toMatchObject({ code: 'member.last_owner', message: expect.stringContaining('last owner') });
    const remove = await bearer(app, owner.token, 'DELETE', `/api/workspaces/${workspaceId}/members/${owner.id}`);
    expect(remove.statusCode).toBe(409);
    // With a second owner the first may step down.
    await bearer(app, owner.token, 'PATCH', `/api/workspaces/${workspaceId}/members/${manager.id}`, { role: 'owner' });
    expect((await bearer(app, manager.token, 'PATCH', `/api/workspaces/${workspaceId}/members/${owner.id}`, { role: 'manager' })).statusCode).toBe(200);
    expect((await bearer(app, manager.token, 'PATCH', `/api/workspaces/${workspaceId}/members/${manager.id}`, { role: 'manager' })).statusCode).toBe(409);
    expect((await bearer(app, manager.token, 'PATCH', `/api/workspaces/${workspaceId}/members/${owner.id}`, { role: 'owner' })).statusCode).toBe(200);
    expect((await bearer(app, owner.token, 'PATCH', `/api/workspaces/${workspaceId}/members/${manager.id}`, { role: 'manager' })).statusCode).toBe(200);
  });

  it("stops a removed member's session and token at their next request", async () => {
    const leaver = await createMember(database, 'team', 'leaver@team.example', 'operator');
    const browser = new SessionClient(app);
    expect((await browser.login(leaver.email, leaver.password)).statusCode).toBe(200);
    expect((await browser.request('GET', `/api/workspaces/${workspaceId}/members`)).statusCode).toBe(200);
    expect((await bearer(app, owner.token, 'DELETE', `/api/workspaces/${workspaceId}/members/${leaver.id}`)).statusCode).toBe(204);
    expect((await browser.request('GET', `/api/workspaces/${workspaceId}/members`)).statusCode).toBe(404);
    expect((await bearer(app, leaver.token, 'GET', `/api/workspaces/${workspaceId}/members`)).statusCode).toBe(404);
    expect(await latestAudit('member.removed')).toMatchObject({ target_id: String(leaver.id), summary: { before: { role: 'operator' } } });
  });

  it('invites a new person with a one-time link that sets their password and signs them in', async () => {
    const invited = await bearer(app, owner.token, 'POST', `/api/workspaces/${workspaceId}/members`, { email: 'newcomer@team.example', role: 'operator' });
    expect(invited.statusCode).toBe(201);
    const { invitation } = invited.json();
    expect(invitation).toMatchObject({ email: 'newcomer@team.example', role: 'operator', expired: false, accept_url: expect.stringMatching(/^\/invitations\/[\w-]{40,}$/) });
    const token = decodeURIComponent(invitation.accept_url.split('/').pop());
    expect((await members()).invitations.map((open) => open.email)).toEqual(['newcomer@team.example']);
    expect(await latestAudit('member.invited')).toMatchObject({ summary: { email: 'newcomer@team.example', role: 'operator' } });
    const raw = await sql<{ row: string }>`SELECT row_to_json(a)::text AS row FROM audit_entries a`.execute(database.db);
    for (const { row } of raw.rows) expect(row).not.toContain(token);

    const preview = await app.inject({ method: 'GET', url: `/api/invitations/${token}` });
    expect(preview.json().invitation).toMatchObject({ workspace_name: 'Workspace team', email: 'newcomer@team.example', role: 'operator', account_exists: false });
    const browser = new SessionClient(app);
    const accepted = await browser.request('POST', `/api/invitations/${token}/accept`, { name: 'Nia Newcomer', password: 'a-long-enough-password' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    // Signed in by the link: the session works for the workspace straight away.
    expect((await browser.request('GET', `/api/workspaces/${workspaceId}/members`)).statusCode).toBe(200);
    expect((await members()).members.find((member) => member.email === 'newcomer@team.example')?.role).toBe('operator');
    expect(await latestAudit('member.invitation_accepted')).toMatchObject({ summary: { new_account: true } });

    // Once only.
    const again = await new SessionClient(app).request('POST', `/api/invitations/${token}/accept`, { name: 'Someone Else', password: 'another-long-password' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invitation.used');
  });

  it('lets one of five simultaneous accepts of one link win, and answers the other four 409 invitation.used', async () => {
    const invited = await bearer(app, owner.token, 'POST', `/api/workspaces/${workspaceId}/members`, { email: 'racer@team.example', role: 'readonly' });
    const token = decodeURIComponent(invited.json().invitation.accept_url.split('/').pop());
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: { name: `Racer ${n}`, password: 'a-long-enough-password' } })),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
    for (const lost of answers.filter((answer) => answer.statusCode === 409)) expect(lost.json().error.code).toBe('invitation.used');
    // One account, one membership, one entry in the trail.
    const accounts = await database.db.selectFrom('users').select('id').where('email', '=', 'racer@team.example').execute();
    expect(accounts).toHaveLength(1);
    expect((await members()).members.filter((member) => member.email === 'racer@team.example')).toHaveLength(1);
    const accepted = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_entries WHERE action = 'member.invitation_accepted' AND target_id = ${String(invited.json().invitation.id)}`.execute(database.db);
    expect(Number(accepted.rows[0]!.n)).toBe(1);
  });

  it('refuses an expired link and an unknown one, and lets an owner withdraw an invitation', async () => {
    const invited = await bearer(app, owner.token, 'POST', `/api/workspaces/${workspaceId}/members`, { email: 'late@team.example', role: 'readonly' });
    const token = decodeURIComponent(invited.json().invitation.accept_url.split('/').pop());
    await sql`UPDATE workspace_invitations SET expires_at = now() - interval '1 minute' WHERE id = ${invited.json().invitation.id}`.execute(database.db);
    expect((await members()).invitations.find((open) => open.email === 'late@team.example')?.expired).toBe(true);
    const expired = await app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: { name: 'Late', password: 'a-long-enough-password' } });
    expect(expired.statusCode).toBe(409);
    expect(expired.json().error.code).toBe('invitation.expired');
    expect((await app.inject({ method: 'GET', url: '/api/invitations/not-a-real-token' })).statusCode).toBe(404);

    // Inviting again replaces the expired invitation with a new link; withdrawing it ends it.
    const renewed = await bearer(app, owner.token, 'POST', `/api/workspaces/${workspaceId}/members`, { email: 'late@team.example', role: 'readonly' });
    expect((await members()).invitations.filter((open) => open.email === 'late@team.example')).toHaveLength(1);
    const withdrawn = await bearer(app, owner.token, 'DELETE', `/api/workspaces/${workspaceId}/invitations/${renewed.json().invitation.id}`);
    expect(withdrawn.statusCode).toBe(204);
    expect((await members()).invitations.find((open) => open.email === 'late@team.example')).toBeUndefined();
    expect(await latestAudit('member.invitation_revoked')).toMatchObject({ summary: { email: 'late@team.example' } });
  });

  it('asks an existing account to sign in before it accepts, so a link never takes over an account', async () => {
    const invited = await bearer(app, owner.token, 'POST', `/api/workspaces/${workspaceId}/members`, { email: 'later-user@team.example', role: 'readonly' });
    const token = decodeURIComponent(invited.json().invitation.accept_url.split('/').pop());
    await createTestWorkspace(database, 'other-team');
    const person = await createMember(database, 'other-team', 'later-user@team.example', 'readonly');
    const anonymous = await app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: { name: 'Attacker', password: 'attacker-password-1' } });
    expect(anonymous.json().error.code).toBe('invitation.sign_in_first');
    const browser = new SessionClient(app);
    await browser.login(person.email, person.password);
    expect((await browser.request('POST', `/api/invitations/${token}/accept`, {})).statusCode).toBe(200);
    expect((await members()).members.some((member) => member.user_id === person.id)).toBe(true);
  });

  it('creates, lists and revokes personal tokens; a revoked or expired token gets 401', async () => {
    const created = await bearer(app, reader.token, 'POST', '/api/me/tokens', { name: 'CI export', expires_at: new Date(Date.now() + 86_400_000).toISOString() });
    expect(created.statusCode).toBe(201);
    const { token, value } = created.json();
    expect(value).toMatch(/^ta_/);
    expect((await bearer(app, value, 'GET', '/api/me')).statusCode).toBe(200);
    const listed = (await bearer(app, reader.token, 'GET', '/api/me/tokens')).json().tokens;
    expect(listed.find((row: { id: number }) => row.id === token.id)).toMatchObject({ name: 'CI export', expired: false });
    expect(JSON.stringify(listed)).not.toContain(value);

    await sql`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = ${token.id}`.execute(database.db);
    expect((await bearer(app, value, 'GET', '/api/me')).statusCode).toBe(401);

    const second = (await bearer(app, reader.token, 'POST', '/api/me/tokens', { name: 'Short-lived' })).json();
    expect((await bearer(app, reader.token, 'DELETE', `/api/me/tokens/${second.token.id}`)).statusCode).toBe(204);
    expect((await bearer(app, second.value, 'GET', '/api/me')).statusCode).toBe(401);
    // Not someone else's token.
    const mine = (await bearer(app, owner.token, 'POST', '/api/me/tokens', { name: 'Owner token' })).json();
    expect((await bearer(app, reader.token, 'DELETE', `/api/me/tokens/${mine.token.id}`)).statusCode).toBe(404);
    expect((await bearer(app, reader.token, 'POST', '/api/me/tokens', { name: 'Past', expires_at: '2020-01-01T00:00:00Z' })).json().error.field).toBe('expires_at');
  });
});

describe.each(databaseTargets())('your own account on %s', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let person: TestMember;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database);
    await createTestWorkspace(database, 'mine');
    person = await createMember(database, 'mine', 'person@mine.example', 'operator');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('lists your sessions, ends another one, and changes your password ending every other session', async () => {
    const laptop = new SessionClient(app);
    const phone = new SessionClient(app);
    const tablet = new SessionClient(app);
    for (const device of [laptop, phone, tablet]) expect((await device.login(person.email, person.password)).statusCode).toBe(200);

    const sessions = (await laptop.request('GET', '/api/me/sessions')).json<{ sessions: Array<{ id: string; current: boolean; signed_in_at: string | null }> }>().sessions;
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    expect(sessions.every((session) => /^[0-9a-f]{24}$/.test(session.id) && session.signed_in_at !== null)).toBe(true);

    const phoneId = (await phone.request('GET', '/api/me/sessions')).json<{ sessions: Array<{ id: string; current: boolean }> }>().sessions.find((session) => session.current)!.id;
    expect((await laptop.request('DELETE', `/api/me/sessions/${phoneId}`)).statusCode).toBe(204);
    expect((await phone.request('GET', '/api/me')).statusCode).toBe(401);
    const own = sessions.find((session) => session.current)!.id;
    expect((await laptop.request('DELETE', `/api/me/sessions/${own}`)).statusCode).toBe(404);

    const wrong = await laptop.request('POST', '/api/me/password', { current_password: 'not-it', new_password: 'a-brand-new-password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('current_password');
    const changed = await laptop.request('POST', '/api/me/password', { current_password: person.password, new_password: 'a-brand-new-password' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ other_sessions_ended: 1 });
    expect((await tablet.request('GET', '/api/me')).statusCode).toBe(401);
    expect((await laptop.request('GET', '/api/me')).statusCode).toBe(200);
    expect((await new SessionClient(app).login(person.email, 'a-brand-new-password')).statusCode).toBe(200);
    const entries = await sql<{ action: string; summary: Record<string, unknown> }>`SELECT action, summary FROM audit_entries WHERE actor_user_id = ${person.id} AND action IN ('auth.password_changed', 'auth.sessions_ended')`.execute(database.db);
    expect(entries.rows.map((row) => row.action).sort()).toEqual(['auth.password_changed', 'auth.sessions_ended']);
    expect(JSON.stringify(entries.rows)).not.toContain('a-brand-new-password');
  });
});
