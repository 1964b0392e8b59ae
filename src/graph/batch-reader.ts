// Many independent GETs sent as Microsoft Graph JSON batches (learn.microsoft.com/graph/json-batching), each read's
// answer or failure its own. Used by GraphClient.getMany / listMany; the wire format is json-batch.ts's.
//
// Rounds: every read that is due goes out in batches of up to 20 (one per API version), all batches of a round at once
// through the tenant's concurrency limiter (one slot per batch HTTP request); what a round leaves — retries, next
// pages, reads after a token refresh — is the next round's. What Graph documents, and what this does with it:
// - "Requests in a batch are evaluated individually against the applicable throttling limits and if any request
//   exceeds the limits, it fails with a status of 429" (json-batching, "Batch size limitations"); "You should retry
//   each failed request from the batch using the value provided in the retry-after response header from the JSON
//   content. You may retry all the failed requests in a new batch after the longest retry-after value"
//   (learn.microsoft.com/graph/throttling, "Throttling and batching"). So a 429/503 sub-response is retried alone, in a
//   later batch, after the longest wait among the reads retried from its batch — each read waits at least its own
//   Retry-After (backoff without one) and never past its own time budget (`retryBudgetMs`, counted from its first
//   send, as for a single request; retry-policy.ts decides). Other 5xx sub-responses are bounded by attempts, like
//   single requests; any other status is that read's GraphError through map-graph-error.ts, with the support ids of
//   the sub-response's headers and body.
// - A 401 sub-response (a token that expired or was revoked in flight): the token is refreshed once and those reads
//   are sent again; a second 401 is auth.failed.
// - The batch HTTP request itself (429 or 5xx on the whole batch, a timeout, a network failure) is retried by
//   send-with-retry.ts exactly like a single request; when it finally fails, every read in it fails with that error.
// - Graph counts every sub-request against its limits, so every attempt of a batch takes each of its reads' budget
//   tokens (request-budget.ts) before it is sent; the sub-responses are counted in the Graph request metrics by their
//   own status, the batch requests under endpoint "batch".
// A read alone in its round that was never sent is sent as a plain GET: a batch of one saves nothing.
import { graphRequests, graphRetries, graphThrottles } from '../observability/metrics';
import { GraphError } from './graph-errors';
import type { GraphLogger } from './graph-logger';
import type { RawResponse } from './http-attempt';
import { batchRequestBody, maxBatchRequests, parseBatchResponse, subResponseAsRaw } from './json-batch';
import { graphClientError, malformedResponse, transportError } from './map-graph-error';
import type { BudgetBucket } from './request-budget';
import { decideRetry, honoursRetryAfter, isRetryableStatus, type RetryOptions } from './retry-policy';
import type { RetryOutcome } from './send-with-retry';
import { supportIdsOf } from './support-ids';

type JsonObject = Record<string, unknown>;
type Version = 'beta' | 'v1.0';

/** One GET: its API version, its URL relative to that version (leading '/', query included) and its path for messages. */
export interface BatchedRead {
  version: Version;
  url: string;
  displayPath: string;
}

/** What one result of getMany / listMany needs from the reader. */
export interface BatchTask {
  first: BatchedRead;
  /** A successful answer: the next read of this task (a further page), or null when it is complete. May throw a GraphError. */
  answered(body: JsonObject, read: BatchedRead): BatchedRead | null;
  /** The task failed; nothing more is read for it. */
  failed(error: GraphError): void;
}

export interface BatchReaderDeps {
  retry: RetryOptions;
  logger: GraphLogger;
  bucketsFor(displayPath: string): BudgetBucket[];
  getToken(signal?: AbortSignal): Promise<string>;
  invalidateToken(): void;
  /** One `POST {version}/$batch`, with the retries of a single request; each attempt takes every bucket in `buckets`. */
  sendBatch(version: Version, body: string, buckets: BudgetBucket[], token: string, signal?: AbortSignal): Promise<RetryOutcome>;
  /** A plain GET with the single-request retries; throws a GraphError on failure. */
  getSingle(read: BatchedRead, signal?: AbortSignal): Promise<JsonObject>;
  /** Logs a failure the way a single request's is logged, and returns it. */
  failed(error: GraphError, response: RawResponse | null): GraphError;
}

interface Pending {
  task: BatchTask;
  read: BatchedRead;
  buckets: BudgetBucket[];
  /** When the read was first sent (its retry budget counts from here); null until then. */
  startedAt: number | null;
  attempts: number;
  throttled: number;
  bounded: number;
  immediate: number;
  tokenRefreshed: boolean;
  /** Not sent before this time (a retry's wait). */
  notBefore: number;
}

interface RoundResult {
  next: Pending[];
  refreshToken: boolean;
}

export async function runBatchedReads(tasks: readonly BatchTask[], deps: BatchReaderDeps, signal?: AbortSignal): Promise<void> {
  const { retry } = deps;
  const fresh = (task: BatchTask, read: BatchedRead): Pending => ({
    task,
    read,
    buckets: deps.bucketsFor(read.displayPath),
    startedAt: null,
    attempts: 0,
    throttled: 0,
    bounded: 0,
    immediate: 0,
    tokenRefreshed: false,
    notBefore: Number.NEGATIVE_INFINITY,
  });
  let queue = tasks.map((task) => fresh(task, task.first));

  // A successful answer hands the task its body; a GraphError it throws (a malformed page, a bad nextLink) ends it.
  const answer = (pending: Pending, body: JsonObject): Pending[] => {
    try {
      const next = pending.task.answered(body, pending.read);
      return next === null ? [] : [fresh(pending.task, next)];
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      pending.task.failed(error);
      return [];
    }
  };
  const fail = (pending: Pending, error: GraphError, response: RawResponse | null) => {
    pending.task.failed(deps.failed(error, response));
  };

  const single = async (pending: Pending): Promise<RoundResult> => {
    try {
      const body = await deps.getSingle(pending.read, signal);
      return { next: answer(pending, body), refreshToken: false };
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      pending.task.failed(error); // getSingle has logged it
      return { next: [], refreshToken: false };
    }
  };

  const batch = async (group: Pending[]): Promise<RoundResult> => {
    const version = group[0]!.read.version;
    const sentAt = retry.now();
    for (const pending of group) pending.startedAt ??= sentAt;
    const token = await deps.getToken(signal);
    const body = batchRequestBody(group.map((pending) => pending.read.url));
    const outcome = await deps.sendBatch(version, body, group.flatMap((pending) => pending.buckets), token, signal);
    for (const pending of group) pending.attempts += outcome.attempts;
    const now = retry.now();
    const elapsed = (pending: Pending) => Math.max(0, now - (pending.startedAt ?? now));
    const next: Pending[] = [];
    let refreshToken = false;

    // The batch request itself failed: timeouts, network, 429/5xx past their retries.
    const response = outcome.kind === 'response' ? outcome.response : null;
    if (outcome.kind === 'failure' || transportError(outcome, '$batch', 'Microsoft Graph') !== null) {
      for (const pending of group) {
        const error = transportError({ ...outcome, attempts: pending.attempts }, pending.read.displayPath, 'Microsoft Graph');
        if (error) fail(pending, error, response);
      }
      return { next, refreshToken };
    }
    if (!response) throw new Error('unreachable: failures are handled above');
    if (response.status < 200 || response.status >= 300) {
      for (const pending of group) {
        if (response.status === 401 && !pending.tokenRefreshed) {
          pending.tokenRefreshed = true;
          refreshToken = true;
          next.push(pending);
        } else {
          fail(pending, graphClientError(response, pending.attempts, pending.read.displayPath, elapsed(pending)), response);
        }
      }
      return { next, refreshToken };
    }
    const subResponses = parseBatchResponse(response.text);
    if (!subResponses) {
      for (const pending of group) {
        const error = malformedResponse(pending.read.displayPath, pending.attempts, response.status, 'a $batch answer that is not a batch response', response);
        fail(pending, error, response);
      }
      return { next, refreshToken };
    }

    const retries: Array<{ pending: Pending; waitMs: number; immediate: boolean; raw: RawResponse }> = [];
    group.forEach((pending, index) => {
      const sub = subResponses.get(String(index + 1));
      const path = pending.read.displayPath;
      if (!sub) {
        fail(pending, malformedResponse(path, pending.attempts, response.status, 'a $batch answer without a response to this request', response), response);
        return;
      }
      const { status } = sub;
      graphRequests.inc({ endpoint: 'graph', status: String(status) });
      if (status === 429) graphThrottles.inc({ endpoint: 'graph' });
      const raw = subResponseAsRaw(sub, response.clientRequestId);
      if (status >= 200 && status < 300) {
        const subBody = sub.body;
        if (typeof subBody === 'object' && subBody !== null && !Array.isArray(subBody)) {
          next.push(...answer(pending, subBody as JsonObject));
        } else {
          fail(pending, malformedResponse(path, pending.attempts, status, 'a body that is not a JSON object', raw), raw);
        }
        return;
      }
      if (status === 401 && !pending.tokenRefreshed) {
        pending.tokenRefreshed = true;
        refreshToken = true;
        next.push(pending);
        return;
      }
      if (!isRetryableStatus(status)) {
        fail(pending, graphClientError(raw, pending.attempts, path, elapsed(pending)), raw);
        return;
      }
      if (honoursRetryAfter(status)) pending.throttled += 1;
      else pending.bounded += 1;
      const history = { attempts: pending.attempts, throttled: pending.throttled, bounded: pending.bounded, immediate: pending.immediate, elapsedMs: elapsed(pending) };
      const decision = decideRetry({ status, retryAfter: raw.headers.get('retry-after') }, history, retry, true);
      if (!decision.retry) {
        const gaveUp =
          decision.reason === 'budget'
            ? { reason: 'budget' as const, elapsedMs: elapsed(pending), budgetMs: retry.retryBudgetMs, waitMs: decision.waitMs ?? 0 }
            : { reason: 'attempts' as const };
        const error = transportError({ kind: 'response', response: raw, attempts: pending.attempts, elapsedMs: elapsed(pending), gaveUp }, path, 'Microsoft Graph');
        fail(pending, error ?? graphClientError(raw, pending.attempts, path, elapsed(pending)), raw);
        return;
      }
      retries.push({ pending, waitMs: decision.waitMs, immediate: decision.immediate, raw });
    });

    // "Retry all the failed requests in a new batch after the longest retry-after value" — each at least its own wait
    // and never past its own budget.
    const longest = Math.max(0, ...retries.map((entry) => entry.waitMs));
    for (const { pending, waitMs, immediate, raw } of retries) {
      const room = Math.max(0, retry.retryBudgetMs - elapsed(pending));
      const wait = Math.max(waitMs, Math.min(longest, room));
      pending.immediate = immediate ? pending.immediate + 1 : 0;
      pending.notBefore = now + wait;
      const ids = supportIdsOf(raw);
      deps.logger.warn(
        {
          path: pending.read.displayPath,
          status: raw.status,
          reason: 'status',
          batched: true,
          attempt: pending.attempts,
          ...(honoursRetryAfter(raw.status)
            ? { elapsed_ms: elapsed(pending), retry_budget_ms: retry.retryBudgetMs }
            : { max_attempts: retry.maxAttempts }),
          wait_ms: wait,
          request_id: ids.request_id,
          client_request_id: ids.client_request_id,
        },
        'graph request failed; retrying',
      );
      retry.onRetry({ path: pending.read.displayPath, status: raw.status, attempt: pending.attempts, wait_ms: wait });
      graphRetries.inc({ endpoint: 'graph' });
      next.push(pending);
    }
    return { next, refreshToken };
  };

  while (queue.length > 0) {
    if (signal?.aborted) throw signal.reason;
    const now = retry.now();
    const ready = queue.filter((pending) => pending.notBefore <= now);
    if (ready.length === 0) {
      const due = Math.min(...queue.map((pending) => pending.notBefore));
      await retry.sleep(Math.max(0, due - now), signal);
      continue;
    }
    queue = queue.filter((pending) => pending.notBefore > now);
    const groups = batchesOf(ready);
    const results = await Promise.all(
      groups.map((group) => (group.length === 1 && group[0]!.attempts === 0 ? single(group[0]!) : batch(group))),
    );
    let refreshToken = false;
    for (const result of results) {
      queue.push(...result.next);
      refreshToken ||= result.refreshToken;
    }
    // Once per round, however many reads were refused: the next round's batches share the fresh token.
    if (refreshToken) deps.invalidateToken();
  }
}

/** Batches of at most 20, one API version each, in the order the reads came. */
function batchesOf(reads: readonly Pending[]): Pending[][] {
  const byVersion = new Map<Version, Pending[]>();
  for (const pending of reads) {
    const list = byVersion.get(pending.read.version) ?? [];
    list.push(pending);
    byVersion.set(pending.read.version, list);
  }
  const batches: Pending[][] = [];
  for (const list of byVersion.values()) {
    for (let start = 0; start < list.length; start += maxBatchRequests) batches.push(list.slice(start, start + maxBatchRequests));
  }
  return batches;
}
