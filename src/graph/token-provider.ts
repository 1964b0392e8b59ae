// App-only access tokens through the OAuth 2.0 client-credentials grant (SPEC §7). A token is cached
// until shortly before it expires and concurrent callers share one token request. The secret and the
// token live in private fields so that neither shows up when the provider is logged or serialized.
import { randomUUID } from 'node:crypto';
import { GraphError } from './graph-errors';
import { performAttempt, type FetchFunction } from './http-attempt';
import { silentLogger, type GraphLogger } from './graph-logger';
import { parseJsonObject, serviceCodeOf, transportError } from './map-graph-error';
import { resolveRetryOptions, type RetryOptions } from './retry-policy';
import { sendWithRetry } from './send-with-retry';

export const defaultLoginUrl = 'https://login.microsoftonline.com';
export const defaultGraphUrl = 'https://graph.microsoft.com';

export interface AccessTokenProvider {
  getToken(signal?: AbortSignal): Promise<string>;
  /** Forget the cached token, e.g. after Graph rejected it with 401. */
  invalidate(): void;
}

export interface ClientCredentials {
  entraTenantId: string;
  clientId: string;
  clientSecret: string;
}

export interface ClientCredentialsTokenProviderOptions extends ClientCredentials {
  loginUrl?: string;
  /** The token's audience: scope is `{graphUrl}/.default`. */
  graphUrl?: string;
  requestTimeoutMs?: number;
  retry?: Partial<RetryOptions>;
  logger?: GraphLogger;
  fetch?: FetchFunction;
  now?: () => number;
}

const tokenPath = 'token';
const tokenService = 'The Microsoft Entra token endpoint';

export class ClientCredentialsTokenProvider implements AccessTokenProvider {
  readonly entraTenantId: string;
  readonly clientId: string;
  readonly #clientSecret: string;
  readonly #tokenUrl: string;
  readonly #scope: string;
  readonly #options: ClientCredentialsTokenProviderOptions;
  readonly #retry: RetryOptions;
  #cached: { token: string; refreshAt: number } | null = null;
  #pending: Promise<string> | null = null;

  constructor(options: ClientCredentialsTokenProviderOptions) {
    this.entraTenantId = options.entraTenantId;
    this.clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
    this.#options = { ...options, clientSecret: '' };
    this.#retry = resolveRetryOptions(options.retry);
    const loginUrl = trimSlash(options.loginUrl ?? defaultLoginUrl);
    this.#tokenUrl = `${loginUrl}/${encodeURIComponent(options.entraTenantId)}/oauth2/v2.0/token`;
    this.#scope = `${trimSlash(options.graphUrl ?? defaultGraphUrl)}/.default`;
  }

  async getToken(signal?: AbortSignal): Promise<string> {
    if (this.#cached && this.#now() < this.#cached.refreshAt) return this.#cached.token;
    this.#pending ??= this.#requestToken(signal).finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  invalidate(): void {
    this.#cached = null;
  }

  toJSON(): object {
    return { entraTenantId: this.entraTenantId, clientId: this.clientId };
  }

  async #requestToken(signal?: AbortSignal): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.clientId,
      client_secret: this.#clientSecret,
      scope: this.#scope,
    }).toString();
    const logger = this.#options.logger ?? silentLogger;
    const outcome = await sendWithRetry(
      () =>
        performAttempt(this.#options.fetch ?? fetch, {
          url: this.#tokenUrl,
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          // Entra ID takes a client-request-id too (MSAL sends one) and names it as the correlation id of its errors.
          clientRequestId: randomUUID(),
          body,
          timeoutMs: this.#options.requestTimeoutMs ?? 30_000,
          signal,
        }),
      // Bounded by attempts, 429 included: a sign-in throttled for minutes is reported, not waited for in every run.
      { path: tokenPath, retry: this.#retry, logger, signal, budgeted: false },
    );
    const failure = transportError(outcome, tokenPath, tokenService);
    if (failure) throw failure;
    if (outcome.kind !== 'response') throw new Error('unreachable: failures are mapped above');
    const { response, attempts } = outcome;
    if (response.status < 200 || response.status >= 300) throw this.#rejected(response.status, attempts, response);

    const parsed = parseJsonObject(response.text);
    const token = parsed?.['access_token'];
    const expiresIn = Number(parsed?.['expires_in']);
    if (typeof token !== 'string' || token === '' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
      const message = `${tokenService} answered without a usable access token.`;
      throw new GraphError({ code: 'graph.malformed_response', message, status: response.status, attempts, path: tokenPath });
    }
    // Refresh five minutes early, or halfway through a short-lived token, so a request never starts
    // with a token that expires in flight.
    const marginSeconds = Math.min(300, expiresIn / 2);
    this.#cached = { token, refreshAt: this.#now() + (expiresIn - marginSeconds) * 1000 };
    logger.debug({ entra_tenant_id: this.entraTenantId, expires_in: expiresIn }, 'acquired graph access token');
    return token;
  }

  #rejected(status: number, attempts: number, response: { text: string; headers: Headers }): GraphError {
    const serviceCode = serviceCodeOf(response);
    const aadsts = /AADSTS\d{4,8}/.exec(response.text)?.[0] ?? null;
    const reasons = [`HTTP ${status}`, serviceCode, aadsts].filter(Boolean).join(', ');
    const message =
      `${tokenService} refused the client credentials for tenant ${this.entraTenantId} (${reasons}); ` +
      'check the tenant id, client id and client secret of the provider connection.';
    return new GraphError({ code: 'auth.failed', message, status, attempts, path: tokenPath, service_code: serviceCode });
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
