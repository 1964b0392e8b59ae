// The Microsoft Graph client of one tenant's app registration: bearer tokens, paging to the end, retries (429/503
// until a time budget, the rest bounded), the per-tenant request budget shared by every worker process, the
// per-tenant concurrency limit (SPEC §7, §13), and a fresh client-request-id on every attempt. Every failure leaves
// as a GraphError that carries Graph's and Intune's support ids.
import { randomUUID } from 'node:crypto';
import { runBatchedReads, type BatchTask, type BatchedRead } from './batch-reader';
import { TenantConcurrency, processTenantConcurrency } from './concurrency';
import { GraphError } from './graph-errors';
import { silentLogger, type GraphLogger } from './graph-logger';
import { performAttempt, type FetchFunction, type RawResponse } from './http-attempt';
import { graphClientError, malformedResponse, parseJsonObject, transportError } from './map-graph-error';
import {
  budgetBucketsFor,
  defaultGraphRequestLimits,
  processRequestBudget,
  type BudgetBucket,
  type BudgetRelease,
  type GraphRequestLimits,
  type RequestBudget,
} from './request-budget';
import { resolveRetryOptions, type Clock, type RandomSource, type RetryOptions, type Sleep } from './retry-policy';
import { sendWithRetry } from './send-with-retry';
import { diagnosticHeadersOf } from './support-ids';
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
  /** Attempts per HTTP request for other 5xx, timeouts and network failures, retries included. Default 4. */
  maxAttempts?: number;
  /** How long one request may keep being retried while Graph answers 429 or 503. Default 600 000 ms (10 minutes). */
  retryBudgetMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Token endpoint only (its retries stay bounded by attempts): a longer Retry-After is clamped to this. */
  maxRetryAfterMs?: number;
  /** Injected in tests to observe waits instead of waiting. */
  sleep?: Sleep;
  random?: RandomSource;
  /** The clock the retry budget is measured with; injected in tests together with `sleep`. */
  now?: Clock;
  /**
   * Requests per tenant (and app) across every process: run handlers pass the database's budget
   * (src/db/queries/graph-request-budget.ts). Default: this process's own (request-budget.ts).
   */
  requestBudget?: RequestBudget;
  /** The bucket sizes; default Intune's documented limits with headroom (request-budget.ts). */
  requestLimits?: GraphRequestLimits;
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
  /**
   * getMany / listMany send their reads as JSON batches of up to 20 (batch-reader.ts). Default true; false sends one
   * request per read.
   */
  batching?: boolean;
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
  readonly #budget: RequestBudget;
  readonly #limits: GraphRequestLimits;
  readonly #clientId: string;
  readonly #batching: boolean;

  constructor(options: GraphClientOptions) {
    this.entraTenantId = options.entraTenantId;
    this.#graphUrl = (options.graphUrl ?? defaultGraphUrl).replace(/\/+$/, '');
    this.#version = options.version ?? 'v1.0';
    this.#retry = resolveRetryOptions({
      maxAttempts: options.maxAttempts,
      retryBudgetMs: options.retryBudgetMs,
      baseDelayMs: options.baseDelayMs,
      maxDelayMs: options.maxDelayMs,
      maxRetryAfterMs: options.maxRetryAfterMs,
      sleep: options.sleep,
      random: options.random,
      now: options.now,
      onRetry: options.onRetry,
    });
    this.#clientId = options.clientId;
    this.#batching = options.batching ?? true;
    this.#budget = options.requestBudget ?? processRequestBudget;
    this.#limits = options.requestLimits ?? defaultGraphRequestLimits;
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
      yield this.#pageValue(body, displayPath);
      url = this.#nextLink(body, displayPath, visited);
    }
  }

  /**
   * GET several resources; each answer or failure is its own (one failing never fails the others), in the order of
   * `paths`; cancellation and errors that are not Graph's reject the whole call. The paths are relative to the API
   * version, like `get`'s. Sent as JSON batches of up to 20 (learn.microsoft.com/graph/json-batching; batch-reader.ts),
   * except paced paths (Conditional Access, audit logs: one request per interval however they are sent) and when the
   * client was made with `batching: false`: one request each.
   */
  async getMany(paths: readonly string[], options: GraphRequestOptions = {}): Promise<Array<GraphManyResult<GraphObject>>> {
    return this.#many(paths, options, (path) => this.get(path, options), (read, settle) => ({
      first: read,
      answered: (body) => {
        settle({ ok: true, value: body });
        return null;
      },
      failed: (error) => settle({ ok: false, error }),
    }));
  }

  /**
   * Several whole collections (each paged to its end, following every @odata.nextLink); each list or failure is its
   * own, as for `getMany`. First and further pages go in JSON batches alike.
   */
  async listMany(paths: readonly string[], options: GraphListOptions = {}): Promise<Array<GraphManyResult<GraphObject[]>>> {
    return this.#many(paths, options, (path) => this.list(path, options), (read, settle) => {
      const items: GraphObject[] = [];
      const visited = new Set<string>([`${this.#graphUrl}/${read.version}${read.url}`]);
      return {
        first: read,
        answered: (body, current) => {
          items.push(...this.#pageValue(body, current.displayPath));
          const next = this.#nextLink(body, current.displayPath, visited);
          if (next === null) {
            settle({ ok: true, value: items });
            return null;
          }
          visited.add(next);
          return this.#readOfLink(next, current.displayPath);
        },
        failed: (error) => settle({ ok: false, error }),
      };
    });
  }

  // getMany and listMany alike: one request each without batching or for a paced path, else one batch task per path.
  async #many<T>(
    paths: readonly string[],
    options: GraphListOptions,
    single: (path: string) => Promise<T>,
    task: (read: BatchedRead, settle: (result: GraphManyResult<T>) => void) => BatchTask,
  ): Promise<Array<GraphManyResult<T>>> {
    const results = new Array<GraphManyResult<T>>(paths.length);
    const tasks: BatchTask[] = [];
    const alone: Array<Promise<void>> = [];
    paths.forEach((path, index) => {
      const settle = (result: GraphManyResult<T>) => void (results[index] = result);
      const read = this.#batching ? this.#batchedRead(path, options.version, options.pageSize) : null;
      if (read === null || this.#isPaced(read.displayPath)) {
        alone.push(single(path).then((value) => settle({ ok: true, value }), (error: unknown) => settle(manyFailure(error))));
        return;
      }
      tasks.push(task(read, settle));
    });
    await Promise.all([this.#runBatched(tasks, options.signal), ...alone]);
    return results;
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

  /** A collection page's items; a page without a "value" array of objects is a malformed answer. */
  #pageValue(body: GraphObject, displayPath: string): GraphObject[] {
    const value = body['value'];
    if (!Array.isArray(value) || !value.every(isObject)) {
      throw this.#failed(malformedResponse(displayPath, 1, 200, 'a page without a "value" array of objects'));
    }
    return value;
  }

  #resolve(path: string, version = this.#version, pageSize?: number): { url: string; displayPath: string } {
    if (/^[a-z]+:\/\//i.test(path)) throw new TypeError('GraphClient paths are relative to the API version');
    const relative = path.replace(/^\/+/, '');
    const top = pageSize === undefined ? '' : `${relative.includes('?') ? '&' : '?'}$top=${pageSize}`;
    return { url: `${this.#graphUrl}/${version}/${relative}${top}`, displayPath: relative.split('?')[0] ?? relative };
  }

  /** A read for a batch: its URL relative to the version (leading '/', query and $top included). */
  #batchedRead(path: string, version = this.#version, pageSize?: number): BatchedRead {
    const { url, displayPath } = this.#resolve(path, version, pageSize);
    return { version, url: url.slice(`${this.#graphUrl}/${version}`.length), displayPath };
  }

  // A nextLink is absolute; a batch names it relative to its version (json-batching: "the relative resource URL").
  // #nextLink has checked its origin; one outside `{graphUrl}/{version}/` cannot be put in a batch and is refused.
  #readOfLink(link: string, displayPath: string): BatchedRead {
    for (const version of ['beta', 'v1.0'] as const) {
      const base = `${this.#graphUrl}/${version}/`;
      if (link.startsWith(base)) return { version, url: link.slice(base.length - 1), displayPath };
    }
    throw this.#failed(malformedResponse(displayPath, 1, 200, 'an @odata.nextLink outside the configured Graph URL'));
  }

  #isPaced(displayPath: string): boolean {
    return this.#bucketsFor(displayPath).some((bucket) => bucket.holdMs !== undefined);
  }

  #bucketsFor(displayPath: string): BudgetBucket[] {
    return budgetBucketsFor(displayPath, { entraTenantId: this.entraTenantId, clientId: this.#clientId }, this.#limits);
  }

  #runBatched(tasks: readonly BatchTask[], signal?: AbortSignal): Promise<void> {
    if (tasks.length === 0) return Promise.resolve();
    return runBatchedReads(tasks, {
      retry: this.#retry,
      logger: this.#logger,
      bucketsFor: (displayPath) => this.#bucketsFor(displayPath),
      getToken: (tokenSignal) => this.#tokens.getToken(tokenSignal),
      invalidateToken: () => this.#tokens.invalidate(),
      sendBatch: (version, body, buckets, token, sendSignal) =>
        sendWithRetry(
          () => this.#limit(() => this.#attempt(`${this.#graphUrl}/${version}/$batch`, token, buckets, sendSignal, body)),
          { path: '$batch', endpoint: 'batch', retry: this.#retry, logger: this.#logger, signal: sendSignal, budgeted: true },
        ),
      getSingle: (read, getSignal) => this.#getJson(`${this.#graphUrl}/${read.version}${read.url}`, read.displayPath, getSignal),
      failed: (error, response) => this.#failed(error, response),
    }, signal);
  }

  // A nextLink is followed only on the Graph origin we were configured with: the bearer token must
  // never be sent anywhere else, and a link that loops would page forever.
  #nextLink(body: GraphObject, displayPath: string, visited: Set<string>): string | null {
    const next = body['@odata.nextLink'];
    if (next === undefined || next === null) return null;
    if (typeof next !== 'string' || !this.#isOnGraphOrigin(next)) {
      throw this.#failed(malformedResponse(displayPath, 1, 200, 'an @odata.nextLink outside the configured Graph URL'));
    }
    if (visited.has(next)) throw this.#failed(malformedResponse(displayPath, 1, 200, 'an @odata.nextLink that repeats a page'));
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
    const buckets = this.#bucketsFor(displayPath);
    let attempts = 0;
    for (let tokenRefreshed = false; ; tokenRefreshed = true) {
      const token = await this.#tokens.getToken(signal);
      const outcome = await sendWithRetry(
        () => this.#limit(() => this.#attempt(url, token, buckets, signal)),
        { path: displayPath, retry: this.#retry, logger: this.#logger, signal, budgeted: true },
      );
      attempts += outcome.attempts;
      const failure: GraphError | null = transportError({ ...outcome, attempts }, displayPath, 'Microsoft Graph');
      if (failure) throw this.#failed(failure, outcome.kind === 'response' ? outcome.response : null);
      if (outcome.kind !== 'response') throw new Error('unreachable: failures are mapped above');
      const { response } = outcome;
      if (response.status >= 200 && response.status < 300) {
        const body = parseJsonObject(response.text);
        if (!body) {
          throw this.#failed(malformedResponse(displayPath, attempts, response.status, 'a body that is not a JSON object', response), response);
        }
        return body;
      }
      // A cached token can be revoked or expire early; one fresh token is worth a second try.
      if (response.status === 401 && !tokenRefreshed) {
        this.#tokens.invalidate();
        continue;
      }
      throw this.#failed(graphClientError(response, attempts, displayPath, outcome.elapsedMs), response);
    }
  }

  // One HTTP attempt: a token from every budget bucket of the path (inside the concurrency slot, so a token is
  // spent at once and paced requests stay paced), then the request with a fresh client-request-id; a held pacing
  // slot is released when the attempt is over, so the next one opens a full interval after it. With `batchBody`, a
  // JSON batch POST: `buckets` then holds every bucket of every request in it.
  async #attempt(url: string, token: string, buckets: BudgetBucket[], signal?: AbortSignal, batchBody?: string) {
    const releases: BudgetRelease[] = [];
    try {
      for (const bucket of buckets) releases.push(await this.#budget.acquire(bucket, signal));
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
      if (batchBody !== undefined) headers['content-type'] = 'application/json';
      return await performAttempt(this.#fetch, {
        url,
        method: batchBody === undefined ? 'GET' : 'POST',
        headers,
        body: batchBody,
        clientRequestId: randomUUID(),
        timeoutMs: this.#timeoutMs,
        signal,
      });
    } finally {
      // A release that fails (database gone) only leaves the slot held until its hold ends: never fail the request.
      await Promise.all(releases.map((release) => release().catch(() => undefined)));
    }
  }

  // Every failed request gets one log line with the ids support asks for (learn.microsoft.com/graph/best-practices-concept,
  // "Reliability and support"): request-id, client-request-id, the response's date and x-ms-ags-diagnostic, Intune's
  // ids. Never a header of ours, never the body.
  #failed(error: GraphError, response: RawResponse | null = null): GraphError {
    const level = error.code === 'graph.not_found' ? 'info' : 'warn';
    this.#logger[level](
      {
        path: error.path,
        code: error.code,
        status: error.status,
        service_code: error.service_code,
        attempts: error.attempts,
        elapsed_ms: error.elapsed_ms,
        ...error.supportIds,
        ...diagnosticHeadersOf(response?.headers ?? null),
      },
      'graph request failed',
    );
    return error;
  }
}

/** One result of `getMany` / `listMany`: the value, or the GraphError of that one request. */
export type GraphManyResult<T> = { ok: true; value: T } | { ok: false; error: GraphError };

// Only Graph's own failures are per-request results; cancellation and programming errors end the whole call.
function manyFailure(error: unknown): { ok: false; error: GraphError } {
  if (error instanceof GraphError) return { ok: false, error };
  throw error;
}

function isObject(value: unknown): value is GraphObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
