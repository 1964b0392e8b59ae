// A local OpenID provider for the Entra ID sign-in tests: `oidc-provider` (the certified Node implementation) on a
// free loopback port, with one confidential client, PKCE required, and its development login form (any login,
// any password). The account a login signs in as — its email and whether that email is verified — is set by the test.
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
  stop(): Promise<void>;
}

export async function startLocalOpenIdProvider(redirectUris: string[]): Promise<LocalOpenIdProvider> {
  const accounts = new Map<string, ProviderAccount>();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'tenantatlas-test-client';
  const clientSecret = 'local-provider-client-secret-0123456789';

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Scope claims in the ID token itself (as Entra ID does), not only at the userinfo endpoint.
    conformIdTokenClaims: false,
    cookies: { keys: ['local-provider-cookie-key-0123456789'] },
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
  server.on('request', provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    setAccount: (login, account) => accounts.set(login, account),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
