// How the simulator answers an injected fault. Slow only delays; the caller then answers normally.
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { sendJson, sendText } from './http-io';
import type { SimContext } from './sim-context';
import type { FaultSpec } from './sim-faults';

/** The status sent, or null when the request should now be answered normally. */
export async function answerFault(context: SimContext, response: ServerResponse, fault: FaultSpec): Promise<number | null> {
  const retryAfter: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
  switch (fault.kind) {
    case 'slow':
      await context.delay(fault.delayMs ?? 1000, response);
      return null;
    case 'throttle':
      sendJson(response, 429, graphError('TooManyRequests', 'Too many requests. Please retry later.'), retryAfter);
      return 429;
    case 'unavailable':
      sendJson(response, 503, graphError('ServiceUnavailable', 'The service is temporarily unavailable.'), retryAfter);
      return 503;
    case 'server_error':
      sendJson(response, 500, graphError('InternalServerError', 'An internal server error occurred.'));
      return 500;
    case 'malformed':
      // A body cut off mid-way, as a proxy or a dropped connection leaves it.
      sendText(response, 200, '{"@odata.context":"$metadata#value","value":[{"id":', { 'content-type': 'application/json' });
      return 200;
    case 'forbidden':
      sendJson(response, 403, graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'));
      return 403;
    case 'bad_credentials':
      return null;
  }
}

export function graphError(code: string, message: string): object {
  return {
    error: {
      code,
      message,
      innerError: { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': randomUUID() },
    },
  };
}
