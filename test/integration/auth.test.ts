import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodApp } from '../../src/http/app-context';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';
import { createSessionStore } from '../../src/http/plugins/session-store';
import { bearer, buildTestApp, createMember, createTestWorkspace, SessionClient, type TestMember } from '../support/test-app';

describe.each(databaseTargets())('sign-in, sessions, CSRF and tokens on %s', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let manager: TestMember;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database, { loginRateLimit: 5 });
    await createTestWorkspace(database, 'acme');
    manager = await createMember(database, 'acme', 'Mia.Manager@example.com', 'manager');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('signs in with the right password (email case-insensitive) and sets an httpOnly SameSite cookie', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'mia.manager@EXAMPLE.com', password: manager.password } });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ id: manager.id, email: 'Mia.Manager@example.com' });
    const cookie = response.cookies.find((c) => c.name === 'ta_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(response.body).not.toContain('password');
  });

  it('marks the cookie Secure when the request came over HTTPS', async () => {
    // Behind a TLS-terminating proxy: the proxy's X-Forwarded-Proto counts only because the proxy is trusted.
    const secureApp = await buildTestApp(database, { secureCookies: true, trustProxy: ['127.0.0.1'] });
    const response = await secureApp.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: manager.email, password: manager.password },
    });
    expect(response.cookies.find((c) => c.name === 'ta_session')?.secure).toBe(true);
    await secureApp.close();
  });

  it('answers a wrong password and an unknown email with the same generic 401', async () => {
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'other1@example.com', password: 'nope' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@example.com', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 'auth.invalid_credentials', message: 'Email or password is incorrect.' } });
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('names the missing field on a malformed login', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.c' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('password');
  });

  it('rate-limits repeated attempts for one account with 429, even with the right password', async () => {
    const email = 'target@example.com';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: `guess-${i}` } });
      statuses.push(r.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'guess' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('auth.rate_limited');
  });

  it('refuses a mutating cookie request without a valid CSRF token, accepts it with one', async () => {
    const client = new SessionClient(app);
    expect((await client.login(manager.email, manager.password)).statusCode).toBe(200);
    const without = await client.request('POST', '/api/workspaces/1/tenants', { name: 'No token' }, { csrf: false });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf.invalid');
    const forged = await app.inject({
      method: 'POST',
      url: '/api/workspaces/1/tenants',
      headers: { cookie: (client as unknown as { cookie: string }).cookie, 'x-csrf-token': 'forged-token' },
      payload: { name: 'Forged' },
    });
    expect(forged.statusCode).toBe(403);
    const withToken = await client.request('POST', '/api/workspaces/1/tenants', { name: 'With token' });
    expect(withToken.statusCode).toBe(201);
    const names = (await client.request('GET', '/api/workspaces/1/tenants')).json().tenants.map((t: { name: string }) => t.name);
    expect(names).toEqual(['With token']);
  });

  it('ends the session on logout', async () => {
    const client = new SessionClient(app);
    await client.login(manager.email, manager.password);
    expect((await client.request('GET', '/api/me')).statusCode).toBe(200);
    expect((await client.request('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await client.request('GET', '/api/me')).statusCode).toBe(401);
  });

  it('slides a session\'s expiry without writing the session on every request', async () => {
    await sql`DELETE FROM sessions WHERE data->>'user_id' = ${String(manager.id)}`.execute(database.db);
    const client = new SessionClient(app);
    await client.login(manager.email, manager.password);
    // xmin changes whenever the row is written.
    const row = async () =>
      (await sql<{ version: string; expires_at: Date }>`SELECT xmin::text AS version, expires_at FROM sessions WHERE data->>'user_id' = ${String(manager.id)}`.execute(database.db)).rows;
    const [signedIn] = await row();
    for (let n = 0; n < 5; n += 1) expect((await client.request('GET', '/api/me')).statusCode).toBe(200);
    expect(await row()).toEqual([signedIn]);

    // Eleven minutes later (the stored expiry that far behind), the next request moves it to twelve hours from now.
    await sql`UPDATE sessions SET expires_at = expires_at - interval '11 minutes' WHERE data->>'user_id' = ${String(manager.id)}`.execute(database.db);
    expect((await client.request('GET', '/api/me')).statusCode).toBe(200);
    const [slid] = await row();
    expect(Math.abs(slid!.expires_at.getTime() - (Date.now() + 12 * 60 * 60 * 1000))).toBeLessThan(60_000);
  });

  it('never writes back a session that was ended while one of its requests was still running', async () => {
    await sql`DELETE FROM sessions WHERE data->>'user_id' = ${String(manager.id)}`.execute(database.db);
    const client = new SessionClient(app);
    await client.login(manager.email, manager.password);
    const [{ sid }] = (await sql<{ sid: string }>`SELECT sid FROM sessions WHERE data->>'user_id' = ${String(manager.id)}`.execute(database.db)).rows as [{ sid: string }];
    const store = createSessionStore(database.db);
    // A request loads the session; meanwhile it is ended elsewhere; then the request saves a change to it.
    const loaded = await new Promise<Record<string, unknown>>((resolve, reject) => store.get(sid, (error, session) => (error ? reject(error) : resolve(session as unknown as Record<string, unknown>))));
    await sql`DELETE FROM sessions WHERE sid = ${sid}`.execute(database.db);
    await new Promise<void>((resolve, reject) => store.set(sid, { ...loaded, note: 'changed' } as never, (error) => (error ? reject(error) : resolve())));
    expect((await sql`SELECT sid FROM sessions WHERE sid = ${sid}`.execute(database.db)).rows).toEqual([]);
    expect((await client.request('GET', '/api/me')).statusCode).toBe(401);
  });

  it('accepts bearer tokens without CSRF, and refuses unknown tokens', async () => {
    const me = await bearer(app, manager.token, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().workspaces).toEqual([
      expect.objectContaining({ slug: 'acme', role: 'manager', capabilities: expect.arrayContaining(['manage_tenants']) }),
    ]);
    const created = await bearer(app, manager.token, 'POST', '/api/workspaces/1/tenants', { name: 'Scripted' });
    expect(created.statusCode).toBe(201);
    expect((await bearer(app, 'ta_not-a-real-token', 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('stores tokens and passwords only as hashes', async () => {
    const tokens = await database.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(tokens.map((t) => t.token_hash)).not.toContain(manager.token);
    expect(tokens[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const user = await database.db.selectFrom('users').select('password_hash').where('id', '=', manager.id).executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers 401 to anonymous requests for data', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/tenants/1' })).statusCode).toBe(401);
  });
});
