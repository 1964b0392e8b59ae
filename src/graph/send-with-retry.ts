// The retry loop shared by Graph reads and token requests. It returns the final outcome instead of
// throwing, so each caller maps statuses to error codes where it knows what the endpoint means.
import { AttemptFailure, type RawResponse } from './http-attempt';
import type { GraphLogger } from './graph-logger';
import { isRetryableStatus, retryWaitMs, type RetryOptions } from './retry-policy';
import { graphRequests, graphRetries, graphThrottles } from '../observability/metrics';

export type RetryOutcome =
  | { kind: 'response'; response: RawResponse; attempts: number }
  | { kind: 'failure'; failure: AttemptFailure; attempts: number };

export interface RetryContext {
  /** What is being requested, for logs: a Graph path without query, or 'token'. */
  path: string;
  retry: RetryOptions;
  logger: GraphLogger;
  signal?: AbortSignal;
}

export async function sendWithRetry(attempt: () => Promise<RawResponse>, context: RetryContext): Promise<RetryOutcome> {
  const { retry, logger, path } = context;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    if (context.signal?.aborted) throw context.signal.reason;
    const outcome = await attemptOnce(attempt, attemptNumber);
    const status = outcome.kind === 'response' ? outcome.response.status : null;
    // Labels: the endpoint's kind and the status only — the path carries tenant ids and is for logs.
    const endpoint = path === 'token' ? 'token' : 'graph';
    graphRequests.inc({ endpoint, status: String(status ?? 0) });
    if (status === 429) graphThrottles.inc({ endpoint });
    const retryable = outcome.kind === 'failure' || isRetryableStatus(outcome.response.status);
    if (!retryable || attemptNumber >= retry.maxAttempts) return outcome;

    const retryAfter = outcome.kind === 'response' ? outcome.response.headers.get('retry-after') : null;
    const waitMs = retryWaitMs(attemptNumber, status, retryAfter, retry);
    logger.warn(
      {
        path,
        status,
        reason: outcome.kind === 'failure' ? outcome.failure.kind : 'status',
        cause_code: outcome.kind === 'failure' ? outcome.failure.causeCode : null,
        attempt: attemptNumber,
        max_attempts: retry.maxAttempts,
        wait_ms: waitMs,
      },
      'graph request failed; retrying',
    );
    retry.onRetry({ path, status, attempt: attemptNumber, wait_ms: waitMs });
    graphRetries.inc({ endpoint });
    await retry.sleep(waitMs);
  }
}

async function attemptOnce(attempt: () => Promise<RawResponse>, attempts: number): Promise<RetryOutcome> {
  try {
    return { kind: 'response', response: await attempt(), attempts };
  } catch (error) {
    if (error instanceof AttemptFailure) return { kind: 'failure', failure: error, attempts };
    throw error;
  }
}
