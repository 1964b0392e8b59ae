// Turns a failed exchange into a GraphError with a stable code. Messages name the path, the status and
// the service's short error code only; response bodies are parsed for that code and then discarded.
import { GraphError, safeServiceCode } from './graph-errors';
import type { RawResponse } from './http-attempt';
import type { RetryOutcome } from './send-with-retry';

/** Errors that mean "the service could not answer": retries exhausted on 429/5xx, timeouts, network. */
export function transportError(outcome: RetryOutcome, path: string, service: string): GraphError | null {
  const attempts = outcome.attempts;
  const tries = `after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
  if (outcome.kind === 'failure') {
    if (outcome.failure.kind === 'timeout') {
      const message = `${service} did not answer ${path} in time ${tries}.`;
      return new GraphError({ code: 'graph.timeout', message, attempts, path });
    }
    const cause = outcome.failure.causeCode ? ` (${outcome.failure.causeCode})` : '';
    const message = `Could not connect to ${service} for ${path}${cause} ${tries}.`;
    return new GraphError({ code: 'graph.network', message, attempts, path });
  }
  const { status } = outcome.response;
  const details = { status, attempts, path, service_code: serviceCodeOf(outcome.response) };
  if (status === 429) {
    return new GraphError({ ...details, code: 'graph.throttled', message: `${service} throttled ${path} (HTTP 429) ${tries}.` });
  }
  if (status >= 500) {
    const message = `${service} was unavailable for ${path} (HTTP ${status}) ${tries}.`;
    return new GraphError({ ...details, code: 'graph.unavailable', message });
  }
  return null;
}

/** A Graph answer with a non-retryable 4xx status. */
export function graphClientError(response: RawResponse, attempts: number, path: string): GraphError {
  const { status } = response;
  const service_code = serviceCodeOf(response);
  const why = `HTTP ${status}${service_code ? `, ${service_code}` : ''}`;
  const details = { status, attempts, path, service_code };
  if (status === 401) {
    return new GraphError({ ...details, code: 'auth.failed', message: `Microsoft Graph rejected the access token for ${path} (${why}).` });
  }
  if (status === 403) {
    const message = `The app registration lacks permission for ${path} (${why}); check its Graph API permissions and admin consent.`;
    return new GraphError({ ...details, code: 'graph.forbidden', message });
  }
  if (status === 404) {
    return new GraphError({ ...details, code: 'graph.not_found', message: `Microsoft Graph has no ${path} (${why}).` });
  }
  return new GraphError({ ...details, code: 'graph.bad_request', message: `Microsoft Graph refused the request for ${path} (${why}).` });
}

export function malformedResponse(path: string, attempts: number, status: number | null, what: string): GraphError {
  const message = `Microsoft Graph answered ${path} with ${what}.`;
  return new GraphError({ code: 'graph.malformed_response', message, status, attempts, path });
}

/** Graph errors are `{error:{code}}`; the token endpoint's are `{error:'invalid_client'}`. */
export function serviceCodeOf(response: RawResponse): string | null {
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
