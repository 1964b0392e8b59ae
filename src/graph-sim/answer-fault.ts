// How the simulator answers an injected fault. Slow only delays; the caller then answers normally. Errors are worded
// as the service behind the path words them (graph-error-bodies.ts): Intune for deviceManagement/deviceAppManagement,
// the directory for the rest.
import type { ServerResponse } from 'node:http';
import { sendJson, sendText } from './http-io';
import { entitySetForPath } from './graph-catalog';
import { graphError, intuneError, intuneForbidden } from './graph-error-bodies';
import type { SimContext } from './sim-context';
import type { FaultSpec } from './sim-faults';

export { graphError } from './graph-error-bodies';

/**
 * The status sent, or null when the request should now be answered normally. `requestPath` is the path after the
 * version ('deviceManagement/…'); empty for the token endpoint.
 */
export async function answerFault(context: SimContext, response: ServerResponse, fault: FaultSpec, requestPath = ''): Promise<number | null> {
  const retryAfter: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
  const set = entitySetForPath(requestPath);
  const isIntune = set?.service === 'intune';
  switch (fault.kind) {
    case 'slow':
      await context.delay(fault.delayMs ?? 1000, response);
      return null;
    case 'throttle': {
      // Intune's 429 is its JSON-in-a-message error ("An error has occurred - Operation ID …", IntuneCD#217); the
      // directory's is "Too many requests." (IntuneCD#64). Retry-After is sent when the fault names one: Intune sends
      // it on most throttled reads (IntuneCD#65 waits the Retry-After of the response) but not on all (IntuneCD#217's
      // client failed on a missing 'retry-after' header; Microsoft Q&A 5784629: detectedApps "doesn't return retry-after").
      const body = isIntune
        ? intuneError('TooManyRequests', 'An error has occurred', requestPath, response, fault.retryAfterSeconds ?? null).body
        : graphError('TooManyRequests', 'Too many requests.', response);
      sendJson(response, 429, body, retryAfter);
      return 429;
    }
    case 'unavailable':
      sendJson(response, 503, graphError('ServiceUnavailable', 'The service is temporarily unavailable.', response), retryAfter);
      return 503;
    case 'server_error':
      sendJson(response, 500, graphError('InternalServerError', 'An internal server error occurred.', response));
      return 500;
    case 'malformed':
      // A body cut off mid-way, as a proxy or a dropped connection leaves it.
      sendText(response, 200, '{"@odata.context":"$metadata#value","value":[{"id":', { 'content-type': 'application/json' });
      return 200;
    case 'forbidden':
      sendJson(
        response,
        403,
        isIntune && set
          ? intuneForbidden(requestPath, set.permissions, response)
          : graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', response),
      );
      return 403;
    case 'bad_credentials':
      return null;
  }
}
