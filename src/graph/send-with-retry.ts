// The retry loop shared by Graph reads and token requests. It returns the final outcome instead of
// throwing, so each caller maps statuses to error codes where it knows what the endpoint means.
// When to retry and how long to wait is decided by retry-policy.ts (`decideRetry`): Graph requests retry 429/503
// until their time budget, everything else by attempts.
import { AttemptFailure, type RawResponse } from './http-attempt';
import type { GraphLogger } from './graph-logger';
import { decideRetry, type RetryOptions } from './retry-policy';
import { supportIdsOf } from './support-ids';
import { graphRequests, graphRetries, graphThrottles } from '../observability/metrics';

/** Why the retries stopped while the last answer was still retryable. */
export type GaveUp =
  | { reason: 'budget'; elapsedMs: number; budgetMs: number; waitMs: number }
  | { reason: 'attempts' };

interface OutcomeCommon {
  attempts: number;
  /** From the first attempt's start to the last attempt's end. */
  elapsedMs: number;
  /** Set when the last answer was retryable but no further attempt was made. */
  gaveUp: GaveUp | null;
}

export type RetryOutcome =
  | ({ kind: 'response'; response: RawResponse } & OutcomeCommon)
  | ({ kind: 'failure'; failure: AttemptFailure } & OutcomeCommon);

export interface RetryContext {
  /** What is being requested, for logs: a Graph path without query, or 'token'. */
  path: string;
  retry: RetryOptions;
  logger: GraphLogger;
  signal?: AbortSignal;
  /** Graph requests: 429/503 are retried until `retry.retryBudgetMs`. The token endpoint: by attempts only. */
  budgeted: boolean;
  /**
   * The metrics' endpoint label; default 'token' for the token path, else 'graph'. JSON batch requests are 'batch':
   * their individual requests are counted as 'graph' by batch-reader.ts, as Graph counts them.
   */
  endpoint?: 'graph' | 'token' | 'batch';
}

export async function sendWithRetry(attempt: () => Promise<RawResponse>, context: RetryContext): Promise<RetryOutcome> {
  const { retry, logger, path } = context;
  // Labels: the endpoint's kind and the status only — the path carries tenant ids and is for logs.
  const endpoint = context.endpoint ?? (path === 'token' ? 'token' : 'graph');
  const startedAt = retry.now();
  let throttled = 0;
  let bounded = 0;
  let immediate = 0;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    if (context.signal?.aborted) throw context.signal.reason;
    const result = await attemptOnce(attempt);
    const elapsedMs = Math.max(0, retry.now() - startedAt);
    const status = result.kind === 'response' ? result.response.status : null;
    graphRequests.inc({ endpoint, status: String(status ?? 0) });
    if (status === 429) graphThrottles.inc({ endpoint });
    const outcome = { ...result, attempts: attemptNumber, elapsedMs, gaveUp: null } as RetryOutcome;
    if (status !== null && status < 500 && status !== 429) return outcome;

    const isThrottle = context.budgeted && (status === 429 || status === 503);
    if (isThrottle) throttled += 1;
    else bounded += 1;
    const retryAfter = result.kind === 'response' ? result.response.headers.get('retry-after') : null;
    const decision = decideRetry({ status, retryAfter }, { attempts: attemptNumber, throttled, bounded, immediate, elapsedMs }, retry, context.budgeted);
    if (!decision.retry) {
      if (decision.reason === 'not_retryable') return outcome;
      outcome.gaveUp =
        decision.reason === 'budget'
          ? { reason: 'budget', elapsedMs, budgetMs: retry.retryBudgetMs, waitMs: decision.waitMs ?? 0 }
          : { reason: 'attempts' };
      return outcome;
    }

    immediate = decision.immediate ? immediate + 1 : 0;
    const ids =
      result.kind === 'response' ? supportIdsOf(result.response) : supportIdsOf(null, result.failure.clientRequestId);
    logger.warn(
      {
        path,
        status,
        reason: result.kind === 'failure' ? result.failure.kind : 'status',
        cause_code: result.kind === 'failure' ? result.failure.causeCode : null,
        attempt: attemptNumber,
        // Throttling is bounded by time, everything else by attempts: say which bound this retry counts against.
        ...(decision.kind === 'throttled'
          ? { elapsed_ms: elapsedMs, retry_budget_ms: retry.retryBudgetMs }
          : { max_attempts: retry.maxAttempts }),
        wait_ms: decision.waitMs,
        request_id: ids.request_id,
        client_request_id: ids.client_request_id,
      },
      'graph request failed; retrying',
    );
    retry.onRetry({ path, status, attempt: attemptNumber, wait_ms: decision.waitMs });
    graphRetries.inc({ endpoint });
    await retry.sleep(decision.waitMs, context.signal);
  }
}

type AttemptResult = { kind: 'response'; response: RawResponse } | { kind: 'failure'; failure: AttemptFailure };

async function attemptOnce(attempt: () => Promise<RawResponse>): Promise<AttemptResult> {
  try {
    return { kind: 'response', response: await attempt() };
  } catch (error) {
    if (error instanceof AttemptFailure) return { kind: 'failure', failure: error };
    throw error;
  }
}
