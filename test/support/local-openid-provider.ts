// A local OpenID provider for the Entra ID sign-in tests: `oidc-provider` (the certified Node implementation) on a
// free loopback port, with one confidential client, PKCE required, and its development login form (any login,
// any password). The account a login signs in as — its email and whether that email is verified — is set by the test.
// The provider signs with a key the test knows, and a test can rewrite the ID token its token endpoint answers with
// (`rewriteIdToken`: another key, an edited payload, a future `iat`) — what a forged or tampered answer looks like.
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

export interface ProviderAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface LocalOpenIdProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What signing in with `login` at the provider's form yields (unknown logins: a verified email equal to the login). */
  setAccount(login: string, account: ProviderAccount): void;
  /** Rewrites the ID token of the next token responses (null: leave them alone). */
  rewriteIdToken(rewrite: ((idToken: string) => string) | null): void;
  /** The key the provider signs with and publishes in its JWKS. */
  signingKey: { kid: string; privateKey: KeyObject };
  stop(): Promise<void>;
}

/** The parts of a compact JWS, decoded. */
export function decodeJws(jws: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signature: string } {
  const [header, payload, signature] = jws.split('.');
  const json = (part: string | undefined) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: json(header), payload: json(payload), signature: signature ?? '' };
}

/** An RS256 compact JWS of `payload` signed with `privateKey`. */
export function signJws(header: Record<string, unknown>, payload: Record<string, unknown>, privateKey: KeyObject): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ ...header, alg: 'RS256' })}.${encode(payload)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
}

/** A fresh RSA key that no provider publishes. */
export function strayKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

export async function startLocalOpenIdProvider(redirectUris: string[]): Promise<LocalOpenIdProvider> {
  const accounts = new Map<string, ProviderAccount>();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'tenantatlas-test-client';
  const clientSecret = 'local-provider-client-secret-0123456789';
  const signingKey = { kid: 'local-provider-key', privateKey: strayKey() };
  let rewrite: ((idToken: string) => string) | null = null;

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Scope claims in the ID token itself (as Entra ID does), not only at the userinfo endpoint.
    conformIdTokenClaims: false,
    cookies: { keys: ['local-provider-cookie-key-0123456789'] },
    jwks: { keys: [{ ...signingKey.privateKey.export({ format: 'jwk' }), kid: signingKey.kid, alg: 'RS256', use: 'sig' }] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: KoaContextWithOIDC, login: string) {
      const account = accounts.get(login) ?? { email: login, email_verified: true };
      return {
        accountId: login,
        async claims() {
          return { sub: login, ...account };
        },
      };
    },
    // No consent screen: the test's client is trusted for the scopes it asks.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  // After the token endpoint built its answer, before Koa sends it (and computes its length).
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (rewrite && ctx.path === '/token' && body && typeof body.id_token === 'string') ctx.body = { ...body, id_token: rewrite(body.id_token) };
  });
  server.on('request', provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    setAccount: (login, account) => accounts.set(login, account),
    rewriteIdToken: (next) => {
      rewrite = next;
    },
    signingKey,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
