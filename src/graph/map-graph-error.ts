// Turns a failed exchange into a GraphError with a stable code. Messages name the path, the status, the service's
// short error code and the support ids (request-id, client-request-id, Intune's operation and activity ids) only;
// response bodies are parsed for those and then discarded.
//
// Message shape: "<service> <what happened> (HTTP <status>[, <code>][, <ids>]) <for path> <how long it was tried>."
// The ids come before the path and the retry details on purpose: a run's failure_summary caps a message at 300
// characters (src/domain/operations/failure-summary.ts) and a handler prefixes it with the policy it was reading, so
// what a long path or a long policy name pushes out must be the least useful part, not the ids support asks for.
import { GraphError, safeServiceCode } from './graph-errors';
import type { RawResponse } from './http-attempt';
import { formatDuration } from './retry-policy';
import type { RetryOutcome } from './send-with-retry';
import { supportIdsOf, supportIdsText, type SupportIds } from './support-ids';

function tries(attempts: number): string {
  return `after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
}

/** "(HTTP 429, TooManyRequests, request-id …)" — the parts that are known, in that order. */
function detailsText(parts: Array<string | null>, ids: SupportIds): string {
  const idText = supportIdsText(ids);
  const all = [...parts, idText === '' ? null : idText].filter((part): part is string => part !== null && part !== '');
  return all.length === 0 ? '' : ` (${all.join(', ')})`;
}

/** How the retries ended: "after 4 attempts", or the time spent and the budget a next wait would have passed. */
function retriedText(outcome: RetryOutcome): string {
  if (outcome.gaveUp?.reason !== 'budget') return tries(outcome.attempts);
  const { elapsedMs, budgetMs, waitMs } = outcome.gaveUp;
  return (
    `for ${formatDuration(elapsedMs)} over ${outcome.attempts} attempts; ` +
    `waiting another ${formatDuration(waitMs)} would pass the ${formatDuration(budgetMs)} retry budget`
  );
}

/** Errors that mean "the service could not answer": retries exhausted on 429/5xx, timeouts, network. */
export function transportError(outcome: RetryOutcome, path: string, service: string): GraphError | null {
  const { attempts, elapsedMs } = outcome;
  if (outcome.kind === 'failure') {
    const ids = supportIdsOf(null, outcome.failure.clientRequestId);
    const common = { attempts, path, ids, elapsed_ms: elapsedMs };
    if (outcome.failure.kind === 'timeout') {
      const message = `${service} did not answer in time${detailsText([], ids)} for ${path} ${tries(attempts)}.`;
      return new GraphError({ ...common, code: 'graph.timeout', message });
    }
    const message = `Could not connect to ${service}${detailsText([outcome.failure.causeCode], ids)} for ${path} ${tries(attempts)}.`;
    return new GraphError({ ...common, code: 'graph.network', message });
  }
  const { status } = outcome.response;
  if (status !== 429 && status < 500) return null;
  const ids = supportIdsOf(outcome.response);
  const service_code = serviceCodeOf(outcome.response);
  const details = { status, attempts, path, service_code, ids, elapsed_ms: elapsedMs };
  const why = detailsText([`HTTP ${status}`], ids);
  if (status === 429) {
    return new GraphError({ ...details, code: 'graph.throttled', message: `${service} throttled${why} ${path} ${retriedText(outcome)}.` });
  }
  return new GraphError({ ...details, code: 'graph.unavailable', message: `${service} was unavailable${why} for ${path} ${retriedText(outcome)}.` });
}

/** A Graph answer with a non-retryable 4xx status. */
export function graphClientError(response: RawResponse, attempts: number, path: string, elapsedMs: number | null = null): GraphError {
  const { status } = response;
  const service_code = serviceCodeOf(response);
  const ids = supportIdsOf(response);
  const why = detailsText([`HTTP ${status}`, service_code], ids);
  const details = { status, attempts, path, service_code, ids, elapsed_ms: elapsedMs };
  if (status === 401) {
    return new GraphError({ ...details, code: 'auth.failed', message: `Microsoft Graph rejected the access token${why} for ${path}.` });
  }
  if (status === 403) {
    const message = `The app registration lacks permission${why} for ${path}; check its Graph API permissions and admin consent.`;
    return new GraphError({ ...details, code: 'graph.forbidden', message });
  }
  if (status === 404) {
    return new GraphError({ ...details, code: 'graph.not_found', message: `Microsoft Graph has no such resource${why}: ${path}.` });
  }
  return new GraphError({ ...details, code: 'graph.bad_request', message: `Microsoft Graph refused the request${why} for ${path}.` });
}

export function malformedResponse(
  path: string,
  attempts: number,
  status: number | null,
  what: string,
  response: RawResponse | null = null,
): GraphError {
  const ids = response ? supportIdsOf(response) : undefined;
  const idText = ids ? supportIdsText(ids) : '';
  const message = `Microsoft Graph answered${idText === '' ? '' : ` (${idText})`} ${path} with ${what}.`;
  return new GraphError({ code: 'graph.malformed_response', message, status, attempts, path, ids });
}

/** Graph errors are `{error:{code}}`; the token endpoint's are `{error:'invalid_client'}`. */
export function serviceCodeOf(response: Pick<RawResponse, 'text'>): string | null {
  const body = parseJsonObject(response.text);
  if (!body) return null;
  const error = body['error'];
  if (typeof error === 'string') return safeServiceCode(error);
  if (typeof error === 'object' && error !== null) return safeServiceCode((error as { code?: unknown }).code);
  return null;
}

export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
    return isObject ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
