// The Microsoft Graph client of one tenant's app registration: bearer tokens, paging to the end,
// bounded retries and the per-tenant concurrency limit (SPEC §7). Every failure leaves as a GraphError.
import { TenantConcurrency, processTenantConcurrency } from './concurrency';
import type { GraphError } from './graph-errors';
import { silentLogger, type GraphLogger } from './graph-logger';
import { performAttempt, type FetchFunction } from './http-attempt';
import { graphClientError, malformedResponse, parseJsonObject, transportError } from './map-graph-error';
import { resolveRetryOptions, type RandomSource, type RetryOptions, type Sleep } from './retry-policy';
import { sendWithRetry } from './send-with-retry';
import {
  ClientCredentialsTokenProvider,
  defaultGraphUrl,
  type AccessTokenProvider,
  type ClientCredentials,
} from './token-provider';

/** Same values as the registry's api_version; declared here so src/graph depends on nothing else. */
export type GraphApiVersion = 'beta' | 'v1.0';

/** A Graph JSON object: an entity, or a whole response body. */
export type GraphObject = Record<string, unknown>;

export interface GraphClientOptions extends ClientCredentials {
  /** Default https://graph.microsoft.com; the app passes TENANTATLAS_GRAPH_URL. */
  graphUrl?: string;
  /** Default https://login.microsoftonline.com; the app passes TENANTATLAS_LOGIN_URL. */
  loginUrl?: string;
  /** API version used when a call names none. Default 'v1.0'. */
  version?: GraphApiVersion;
  /** Total attempts per HTTP request, retries included. Default 4. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRetryAfterMs?: number;
  /** Injected in tests to observe waits instead of waiting. */
  sleep?: Sleep;
  random?: RandomSource;
  /** Called on every retry (a run records them, so its viewer can show it was throttled). */
  onRetry?: RetryOptions['onRetry'];
  /** Deadline of one HTTP attempt, body included. Default 30 000 ms. */
  requestTimeoutMs?: number;
  /** Concurrent Graph requests per entra tenant across the process. Default 4. */
  maxConcurrentRequests?: number;
  /** The limiter registry; defaults to the process-wide one. */
  concurrency?: TenantConcurrency;
  logger?: GraphLogger;
  fetch?: FetchFunction;
  /** Share one provider between clients of a tenant to share its cached token. */
  tokenProvider?: AccessTokenProvider;
}

export interface GraphRequestOptions {
  version?: GraphApiVersion;
  signal?: AbortSignal;
}

export interface GraphListOptions extends GraphRequestOptions {
  /** Sent as $top; Graph may still choose a smaller page. */
  pageSize?: number;
}

export class GraphClient {
  readonly entraTenantId: string;
  readonly #graphUrl: string;
  readonly #version: GraphApiVersion;
  readonly #retry: RetryOptions;
  readonly #timeoutMs: number;
  readonly #tokens: AccessTokenProvider;
  readonly #limit: ReturnType<TenantConcurrency['forTenant']>;
  readonly #logger: GraphLogger;
  readonly #fetch: FetchFunction;

  constructor(options: GraphClientOptions) {
    this.entraTenantId = options.entraTenantId;
    this.#graphUrl = (options.graphUrl ?? defaultGraphUrl).replace(/\/+$/, '');
    this.#version = options.version ?? 'v1.0';
    this.#retry = resolveRetryOptions({
      maxAttempts: options.maxAttempts,
      baseDelayMs: options.baseDelayMs,
      maxDelayMs: options.maxDelayMs,
      maxRetryAfterMs: options.maxRetryAfterMs,
      sleep: options.sleep,
      random: options.random,
      onRetry: options.onRetry,
    });
    this.#timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#logger = options.logger ?? silentLogger;
    this.#fetch = options.fetch ?? fetch;
    this.#limit = (options.concurrency ?? processTenantConcurrency).forTenant(
      options.entraTenantId,
      options.maxConcurrentRequests,
    );
    this.#tokens =
      options.tokenProvider ??
      new ClientCredentialsTokenProvider({
        entraTenantId: options.entraTenantId,
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        loginUrl: options.loginUrl,
        graphUrl: this.#graphUrl,
        requestTimeoutMs: this.#timeoutMs,
        retry: this.#retry,
        logger: this.#logger,
        fetch: this.#fetch,
      });
  }

  /** GET one resource; `path` is relative to `{graphUrl}/{version}/` and may carry a query string. */
  async get<T extends GraphObject = GraphObject>(path: string, options: GraphRequestOptions = {}): Promise<T> {
    const { url, displayPath } = this.#resolve(path, options.version);
    return (await this.#getJson(url, displayPath, options.signal)) as T;
  }

  /** Every page of a collection, following @odata.nextLink to the end. */
  async *pages(path: string, options: GraphListOptions = {}): AsyncGenerator<GraphObject[], void, undefined> {
    const { url: firstUrl, displayPath } = this.#resolve(path, options.version, options.pageSize);
    const visited = new Set<string>();
    let url: string | null = firstUrl;
    while (url !== null) {
      visited.add(url);
      const body = await this.#getJson(url, displayPath, options.signal);
      const value = body['value'];
      if (!Array.isArray(value) || !value.every(isObject)) {
        throw malformedResponse(displayPath, 1, 200, 'a page without a "value" array of objects');
      }
      yield value;
      url = this.#nextLink(body, displayPath, visited);
    }
  }

  /** The whole collection; a failure on any page fails the call, never a partial list. */
  async list(path: string, options: GraphListOptions = {}): Promise<GraphObject[]> {
    const items: GraphObject[] = [];
    for await (const page of this.pages(path, options)) items.push(...page);
    return items;
  }

  toJSON(): object {
    return { entraTenantId: this.entraTenantId, graphUrl: this.#graphUrl };
  }

  #resolve(path: string, version = this.#version, pageSize?: number): { url: string; displayPath: string } {
    if (/^[a-z]+:\/\//i.test(path)) throw new TypeError('GraphClient paths are relative to the API version');
    const relative = path.replace(/^\/+/, '');
    const top = pageSize === undefined ? '' : `${relative.includes('?') ? '&' : '?'}$top=${pageSize}`;
    return { url: `${this.#graphUrl}/${version}/${relative}${top}`, displayPath: relative.split('?')[0] ?? relative };
  }

  // A nextLink is followed only on the Graph origin we were configured with: the bearer token must
  // never be sent anywhere else, and a link that loops would page forever.
  #nextLink(body: GraphObject, displayPath: string, visited: Set<string>): string | null {
    const next = body['@odata.nextLink'];
    if (next === undefined || next === null) return null;
    if (typeof next !== 'string' || !this.#isOnGraphOrigin(next)) {
      throw malformedResponse(displayPath, 1, 200, 'an @odata.nextLink outside the configured Graph URL');
    }
    if (visited.has(next)) throw malformedResponse(displayPath, 1, 200, 'an @odata.nextLink that repeats a page');
    return next;
  }

  #isOnGraphOrigin(link: string): boolean {
    try {
      return new URL(link).origin === new URL(this.#graphUrl).origin;
    } catch {
      return false;
    }
  }

  async #getJson(url: string, displayPath: string, signal?: AbortSignal): Promise<GraphObject> {
    let attempts = 0;
    for (let tokenRefreshed = false; ; tokenRefreshed = true) {
      const token = await this.#tokens.getToken(signal);
      const outcome = await sendWithRetry(
        () => this.#limit(() => this.#attempt(url, token, signal)),
        { path: displayPath, retry: this.#retry, logger: this.#logger, signal },
      );
      attempts += outcome.attempts;
      const failure: GraphError | null = transportError({ ...outcome, attempts }, displayPath, 'Microsoft Graph');
      if (failure) throw failure;
      if (outcome.kind !== 'response') throw new Error('unreachable: failures are mapped above');
      const { response } = outcome;
      if (response.status >= 200 && response.status < 300) {
        const body = parseJsonObject(response.text);
        if (!body) throw malformedResponse(displayPath, attempts, response.status, 'a body that is not a JSON object');
        return body;
      }
      // A cached token can be revoked or expire early; one fresh token is worth a second try.
      if (response.status === 401 && !tokenRefreshed) {
        this.#tokens.invalidate();
        continue;
      }
      throw graphClientError(response, attempts, displayPath);
    }
  }

  #attempt(url: string, token: string, signal?: AbortSignal) {
    return performAttempt(this.#fetch, {
      url,
      method: 'GET',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      timeoutMs: this.#timeoutMs,
      signal,
    });
  }
}

function isObject(value: unknown): value is GraphObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
