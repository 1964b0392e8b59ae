// Sign-in with Microsoft Entra ID (issue 8), end to end over HTTP against a local OpenID provider (oidc-provider):
// the authorization-code flow with PKCE, a person matched by verified email or by the invitation they accepted, an
// unknown person refused with "not invited" and no account, and what must fail — a wrong state, a replayed code, an
// unverified email, a flow cookie from elsewhere. Every outcome in the audit trail.
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodApp } from '../../src/http/app-context';
import { bearer, buildTestApp, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';
import { decodeJws, signJws, startLocalOpenIdProvider, strayKey, type LocalOpenIdProvider } from '../support/local-openid-provider';

const APP_ORIGIN = 'http://tenantatlas.test';
const CALLBACK = `${APP_ORIGIN}/api/auth/entra-id/callback`;

/** A browser's two cookie jars (ours and the provider's), enough for one sign-in at a time. */
class BrowserLike {
  readonly appCookies = new Map<string, string>();
  private readonly providerCookies = new Map<string, string>();

  constructor(private readonly app: ZodApp) {}

  async app_(url: string): Promise<LightMyRequestResponse> {
    const cookie = [...this.appCookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    for (const set of response.cookies) {
      if (set.expires && new Date(set.expires).getTime() <= Date.now()) this.appCookies.delete(set.name);
      else this.appCookies.set(set.name, set.value);
    }
    return response;
  }

  /** Follows the provider's redirects, signing in at its login form as `login`, until it sends us back. */
  async atProvider(authorizationUrl: string, login: string): Promise<URL> {
    let url = authorizationUrl;
    let form: Record<string, string> | undefined;
    for (let hop = 0; hop < 12; hop += 1) {
      const response = await fetch(url, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: { cookie: [...this.providerCookies].map(([name, value]) => `${name}=${value}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: form ? new URLSearchParams(form) : undefined,
      });
      form = undefined;
      for (const set of response.headers.getSetCookie()) {
        const [pair] = set.split(';');
        const index = pair!.indexOf('=');
        this.providerCookies.set(pair!.slice(0, index), pair!.slice(index + 1));
      }
      const location = response.headers.get('location');
      if (location) {
        const next = new URL(location, url);
        if (next.href.startsWith(CALLBACK)) return next;
        url = next.href;
        continue;
      }
      expect(response.status, await response.clone().text()).toBe(200);
      // The provider's login form posts back to the interaction URL.
      form = { prompt: 'login', login, password: 'any-password' };
    }
    throw new Error('the provider did not send the browser back');
  }

  /** start → provider → callback; returns our callback's answer. */
  async signIn(login: string, options: { invitation?: string; tamper?: (callback: URL) => void } = {}) {
    const start = await this.app_(`/api/auth/entra-id/start${options.invitation ? `?invitation=${encodeURIComponent(options.invitation)}` : ''}`);
    expect(start.statusCode, start.body).toBe(302);
    const callback = await this.atProvider(start.headers.location as string, login);
    options.tamper?.(callback);
    const flowCookie = this.appCookies.get('ta_entra_flow');
    const answer = await this.app_(`${callback.pathname}${callback.search}`);
    return { answer, callbackPath: `${callback.pathname}${callback.search}`, flowCookie };
  }

  async problem() {
    return (await this.app_('/api/auth/entra-id/problem')).json<{ code: string; message: string; email: string | null }>();
  }

  async me() {
    return this.app_('/api/me');
  }
}

describe.each(databaseTargets())('sign-in with Entra ID on %s', (target) => {
  let database: TestDatabase;
  let provider: LocalOpenIdProvider;
  let app: ZodApp;
  let workspaceId: number;
  let owner: TestMember;
  let alex: TestMember;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    provider = await startLocalOpenIdProvider([CALLBACK]);
    app = await buildTestApp(database, { entraId: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, redirectUri: CALLBACK } });
    workspaceId = (await createTestWorkspace(database, 'entra')).id;
    owner = await createMember(database, 'entra', 'owner@entra.example', 'owner');
    alex = await createMember(database, 'entra', 'alex@entra.example', 'operator');
  });
  afterAll(async () => {
    await app?.close();
    await provider?.stop();
    await database?.close();
  });

  const auditOf = async (action: string) =>
    (await bearer(app, owner.token, 'GET', `/api/workspaces/${workspaceId}/audit?action=${action}`)).json<{ entries: Array<{ actor: { user_id: number | null; name: string | null }; summary: Record<string, unknown> }> }>().entries;
  const userCount = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM users`.execute(database.db)).rows[0]!.n);

  it('says Entra ID is offered, and the start sends the browser to the provider with PKCE, state and nonce', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/auth/methods' })).json()).toEqual({ password: true, entra_id: true });
    const start = await new BrowserLike(app).app_('/api/auth/entra-id/start');
    const location = new URL(start.headers.location as string);
    expect(location.origin).toBe(provider.issuer);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: provider.clientId,
      redirect_uri: CALLBACK,
      response_type: 'code',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.stringMatching(/.{20,}/),
      nonce: expect.stringMatching(/.{20,}/),
    });
    // The verifier travels only in the signed, httpOnly cookie, never in the URL.
    const flow = start.cookies.find((cookie) => cookie.name === 'ta_entra_flow')!;
    expect(flow).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/entra-id' });
    expect(location.href).not.toContain(JSON.parse(decodeURIComponent(flow.value).replace(/\.[^.]+$/, '')).codeVerifier);
  });

  it('signs in a member whose verified email matches, links the identity, and records the sign-in', async () => {
    const browser = new BrowserLike(app);
    const { answer } = await browser.signIn('alex@entra.example');
    expect(answer.statusCode).toBe(302);
    expect(answer.headers.location).toBe('/');
    const me = await browser.me();
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ id: alex.id, email: alex.email });
    expect(me.json().password_set).toBe(true);
    expect((await auditOf('auth.signed_in'))[0]).toMatchObject({ actor: { user_id: alex.id }, summary: { method: 'entra_id' } });

    // Linked by subject from now on: a renamed mailbox at the provider still finds the same person.
    provider.setAccount('alex@entra.example', { email: 'alex.renamed@entra.example', email_verified: true, name: 'Alex' });
    const again = new BrowserLike(app);
    await again.signIn('alex@entra.example');
    expect((await again.me()).json().user.id).toBe(alex.id);
  });

  it('refuses an unknown person with "not invited", creates no account, and records the failure', async () => {
    const before = await userCount();
    const browser = new BrowserLike(app);
    const { answer } = await browser.signIn('stranger@elsewhere.example');
    expect(answer.headers.location).toBe('/sign-in/microsoft');
    expect(await browser.problem()).toMatchObject({ code: 'entra_id.not_invited', email: 'stranger@elsewhere.example', message: expect.stringContaining('invite') });
    expect((await browser.me()).statusCode).toBe(401);
    expect(await userCount()).toBe(before);
    const failures = await sql<{ summary: { email: string; reason: string } }>`SELECT summary FROM audit_entries WHERE action = 'auth.sign_in_failed' ORDER BY id DESC LIMIT 1`.execute(database.db);
    expect(failures.rows[0]!.summary).toEqual({ email: 'stranger@elsewhere.example', reason: 'entra_id.not_invited' });
  });

  it('never matches an email the provider does not vouch for', async () => {
    await createMember(database, 'entra', 'casey@entra.example', 'readonly');
    provider.setAccount('casey-impostor', { email: 'casey@entra.example', email_verified: false, name: 'Not Casey' });
    const browser = new BrowserLike(app);
    const { answer } = await browser.signIn('casey-impostor');
    expect(answer.headers.location).toBe('/sign-in/microsoft');
    expect((await browser.problem()).code).toBe('entra_id.email_unverified');
    expect((await browser.me()).statusCode).toBe(401);
  });

  it('refuses a callback whose state was changed, and one without the flow cookie of this browser', async () => {
    const browser = new BrowserLike(app);
    const { answer } = await browser.signIn('alex@entra.example', { tamper: (callback) => callback.searchParams.set('state', 'forged-state-value') });
    expect(answer.headers.location).toBe('/sign-in/microsoft');
    expect((await browser.problem()).code).toBe('entra_id.failed');
    expect((await browser.me()).statusCode).toBe(401);

    // A callback link opened in another browser (someone else's code sent to a victim) has no flow cookie there.
    const first = new BrowserLike(app);
    const start = await first.app_('/api/auth/entra-id/start');
    const callback = await first.atProvider(start.headers.location as string, 'alex@entra.example');
    const victim = new BrowserLike(app);
    expect((await victim.app_(`${callback.pathname}${callback.search}`)).headers.location).toBe('/sign-in/microsoft');
    expect((await victim.problem()).code).toBe('entra_id.flow_expired');
    expect((await victim.me()).statusCode).toBe(401);
  });

  describe('an ID token that does not verify', () => {
    // Each case: the provider's token endpoint answers with a rewritten ID token naming the owner, while the person
    // signed in at the provider as a stranger. The callback must refuse it: no session, the "could not be verified" page.
    const refuses = async (rewrite: (idToken: string) => string) => {
      provider.rewriteIdToken(rewrite);
      try {
        const browser = new BrowserLike(app);
        const { answer } = await browser.signIn('mallory@elsewhere.example');
        expect(answer.headers.location).toBe('/sign-in/microsoft');
        expect((await browser.problem()).code).toBe('entra_id.failed');
        expect((await browser.me()).statusCode).toBe(401);
      } finally {
        provider.rewriteIdToken(null);
      }
    };
    const asOwner = (payload: Record<string, unknown>) => ({ ...payload, sub: 'owner@entra.example', email: owner.email, email_verified: true });

    it('refuses one signed by a key the issuer does not publish, even under the published key id', async () => {
      const key = strayKey();
      await refuses((idToken) => {
        const { header, payload } = decodeJws(idToken);
        return signJws(header, asOwner(payload), key);
      });
    });

    it('refuses a correctly signed one whose payload was edited afterwards', async () => {
      await refuses((idToken) => {
        const { header, payload, signature } = decodeJws(idToken);
        const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
        return `${encode(header)}.${encode(asOwner(payload))}.${signature}`;
      });
    });

    it('refuses one signed by the issuer but issued in the future beyond clock skew', async () => {
      const now = Math.floor(Date.now() / 1000);
      await refuses((idToken) => {
        const { header, payload } = decodeJws(idToken);
        return signJws(header, { ...asOwner(payload), iat: now + 3600, exp: now + 7200 }, provider.signingKey.privateKey);
      });
    });

    it('still accepts one the issuer signed itself, re-signed unchanged with its key (the rewrite hook is sound)', async () => {
      provider.rewriteIdToken((idToken) => {
        const { header, payload } = decodeJws(idToken);
        return signJws(header, payload, provider.signingKey.privateKey);
      });
      try {
        const browser = new BrowserLike(app);
        const { answer } = await browser.signIn('alex@entra.example');
        expect(answer.headers.location).toBe('/');
        expect((await browser.me()).json().user.id).toBe(alex.id);
      } finally {
        provider.rewriteIdToken(null);
      }
    });
  });

  it('refuses a replayed code, even with the flow cookie that came with it', async () => {
    const browser = new BrowserLike(app);
    const { answer, callbackPath, flowCookie } = await browser.signIn('alex@entra.example');
    expect(answer.headers.location).toBe('/');
    const replay = new BrowserLike(app);
    replay.appCookies.set('ta_entra_flow', flowCookie!);
    expect((await replay.app_(callbackPath)).headers.location).toBe('/sign-in/microsoft');
    expect((await replay.problem()).code).toBe('entra_id.failed');
    expect((await replay.me()).statusCode).toBe(401);
  });

  it('refuses a tampered flow cookie and says so when the person cancels at Microsoft', async () => {
    const browser = new BrowserLike(app);
    await browser.app_('/api/auth/entra-id/start');
    browser.appCookies.set('ta_entra_flow', browser.appCookies.get('ta_entra_flow')!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    expect((await browser.app_('/api/auth/entra-id/callback?code=x&state=y')).headers.location).toBe('/sign-in/microsoft');
    expect((await browser.problem()).code).toBe('entra_id.flow_expired');

    const cancelling = new BrowserLike(app);
    await cancelling.app_('/api/auth/entra-id/start');
    await cancelling.app_('/api/auth/entra-id/callback?error=access_denied&error_description=%3Cscript%3E');
    expect(await cancelling.problem()).toMatchObject({ code: 'entra_id.cancelled', message: expect.not.stringContaining('script') });
  });

  it('lets an invited person join through the invitation link with Entra ID, once, and sign in later by their identity', async () => {
    const invited = await bearer(app, owner.token, 'POST', `/api/workspaces/${workspaceId}/members`, { email: 'newcomer@entra.example', role: 'manager' });
    const token = decodeURIComponent(invited.json().invitation.accept_url.split('/').pop());
    // Their Microsoft account carries another address, and no verified one: the invitation is what matches them.
    provider.setAccount('nia-microsoft', { email: 'nia@contractor.example', email_verified: false, name: 'Nia Newcomer' });
    const browser = new BrowserLike(app);
    const { answer } = await browser.signIn('nia-microsoft', { invitation: token });
    expect(answer.headers.location).toBe('/');
    const me = (await browser.me()).json();
    expect(me.user).toMatchObject({ email: 'newcomer@entra.example', name: 'Nia Newcomer' });
    // The console then says there is no password to change, instead of asking for one.
    expect(me.password_set).toBe(false);
    expect(me.workspaces.find((w: { id: number }) => w.id === workspaceId)?.role).toBe('manager');
    expect((await auditOf('member.invitation_accepted'))[0]).toMatchObject({ summary: { email: 'newcomer@entra.example', role: 'manager', new_account: true } });
    // No password was set for them: password sign-in does not open the account.
    const stored = await database.db.selectFrom('users').select('password_hash').where('email', '=', 'newcomer@entra.example').executeTakeFirstOrThrow();
    expect(stored.password_hash).toBeNull();

    // The link worked once.
    const second = new BrowserLike(app);
    await second.signIn('someone-else', { invitation: token });
    expect((await second.problem()).code).toBe('invitation.used');

    // Later, without a link: found by the linked identity.
    const later = new BrowserLike(app);
    await later.signIn('nia-microsoft');
    expect((await later.me()).json().user.email).toBe('newcomer@entra.example');
  });

  it('does not let an invitation link open an existing account that Microsoft did not vouch for', async () => {
    await createTestWorkspace(database, 'entra-other');
    await createMember(database, 'entra-other', 'dana@entra.example', 'owner');
    const invited = await bearer(app, owner.token, 'POST', `/api/workspaces/${workspaceId}/members`, { email: 'someone.new@entra.example', role: 'readonly' });
    expect(invited.statusCode).toBe(201);
    // Dana already has an account; an invitation to her address is accepted by Dana — not by whoever holds the link.
    await database.db.updateTable('workspace_invitations').set({ email: 'dana@entra.example' }).where('email', '=', 'someone.new@entra.example').execute();
    const token = decodeURIComponent(invited.json().invitation.accept_url.split('/').pop());
    const browser = new BrowserLike(app);
    await browser.signIn('mallory@elsewhere.example', { invitation: token });
    expect((await browser.problem()).code).toBe('invitation.sign_in_first');
    expect((await browser.me()).statusCode).toBe(401);
  });
});

describe('without Entra ID configured', () => {
  it('offers password sign-in only and answers 404 to the Entra ID routes', async () => {
    const database = await openTestDatabase(databaseTargets()[0]!);
    const app = await buildTestApp(database);
    try {
      expect((await app.inject({ method: 'GET', url: '/api/auth/methods' })).json()).toEqual({ password: true, entra_id: false });
      expect((await app.inject({ method: 'GET', url: '/api/auth/entra-id/start' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/api/auth/entra-id/callback?code=a&state=b' })).statusCode).toBe(404);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
