import * as oidc from 'openid-client';
import type { EntraIdConfig } from '../config';

// Sign-in with Microsoft Entra ID through `openid-client` (docs/DEPENDENCIES.md): the OpenID Connect
// authorization-code flow with PKCE, state and nonce. This module only speaks the protocol; who the person is in
// TenantAtlas is decided by the use case (use-cases/accounts/sign-in-with-entra-id.ts).

/** The person an ID token describes. */
export interface EntraIdPerson {
  issuer: string;
  subject: string;
  email: string | null;
  /** Only what the provider vouches for (see `personOf`). */
  emailVerified: boolean;
  name: string | null;
}

/** What the browser carries between the two legs (in a signed, httpOnly, 10-minute cookie — never a session). */
export interface EntraIdFlowState {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The invitation link the person came from, if any. */
  invitationToken: string | null;
}

export interface EntraIdClient {
  /** Where to send the browser, and what it must bring back. */
  startSignIn(redirectUri: string, invitationToken: string | null): Promise<{ url: URL; flow: EntraIdFlowState }>;
  /** Exchanges the code (once; the provider refuses a replay) and checks state, nonce and the ID token. */
  completeSignIn(callbackUrl: URL, flow: EntraIdFlowState): Promise<EntraIdPerson>;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** How far our clock and the provider's may disagree: for `exp` and `nbf` (openid-client) and `iat` (here). */
const CLOCK_TOLERANCE_SECONDS = 30;

export function createEntraIdClient(config: EntraIdConfig): EntraIdClient {
  let discovered: Promise<oidc.Configuration> | undefined;
  // Discovery on first use (the provider may be unreachable when the server starts), remembered once it worked.
  const configuration = () => {
    discovered ??= discover(config).catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  };

  return {
    async startSignIn(redirectUri, invitationToken) {
      const settings = await configuration();
      const flow: EntraIdFlowState = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), invitationToken };
      const url = oidc.buildAuthorizationUrl(settings, {
        redirect_uri: redirectUri,
        scope: 'openid profile email',
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, flow };
    },
    async completeSignIn(callbackUrl, flow) {
      const settings = await configuration();
      const tokens = await oidc.authorizationCodeGrant(settings, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      // By now openid-client has checked the ID token's signature against the issuer's JWKS (enableNonRepudiationChecks
      // below), its issuer, audience, nonce, `exp` and `nbf`; it does not check that `iat` is not in the future.
      const claims = tokens.claims();
      if (!claims) throw new Error('the provider returned no ID token');
      if (claims.iat > Math.floor(Date.now() / 1000) + CLOCK_TOLERANCE_SECONDS) throw new Error('the ID token was issued in the future');
      return personOf(claims);
    },
  };
}

async function discover(config: EntraIdConfig): Promise<oidc.Configuration> {
  const issuer = new URL(config.issuer);
  // Plain HTTP only for a provider on this machine (the tests' local provider); anything else must be HTTPS.
  const insecure = issuer.protocol === 'http:' && loopbackHosts.has(issuer.hostname);
  const settings = await oidc.discovery(
    issuer,
    config.clientId,
    { client_secret: config.clientSecret, [oidc.clockTolerance]: CLOCK_TOLERANCE_SECONDS },
    undefined,
    insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
  );
  // openid-client takes an ID token from the token endpoint on the strength of TLS alone unless told otherwise (OpenID
  // Connect Core §3.1.3.7 allows it): this makes it verify the token's signature with a key from the issuer's JWKS,
  // so a token signed by any other key, or a signed token whose payload was edited, is refused.
  oidc.enableNonRepudiationChecks(settings);
  return settings;
}

/**
 * The person the ID token describes. An email counts as verified only when the provider says so: the standard
 * `email_verified`, or Entra ID's `xms_edov` (the email's domain is verified by the directory's owner) — Entra ID
 * sends `email` without either unless configured, so such people join through an invitation instead.
 */
function personOf(claims: oidc.IDToken): EntraIdPerson {
  const email = typeof claims.email === 'string' && claims.email.includes('@') ? claims.email.trim() : null;
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email,
    emailVerified: email !== null && (claims.email_verified === true || claims.xms_edov === true),
    name: typeof claims.name === 'string' ? claims.name : null,
  };
}
