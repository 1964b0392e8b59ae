// Error answers in the words of the service behind each Graph path, each with the request ids Graph puts on every
// answer ("Microsoft Graph error responses and resource types", learn.microsoft.com/graph/errors: the error object
// has code, message and innerError with date, request-id and client-request-id; the response headers request-id and
// client-request-id carry the same values).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

const idsByResponse = new WeakMap<ServerResponse, RequestIds>();

/**
 * Gives a Graph answer its ids: `request-id` is new; `client-request-id` echoes the request's own header, else equals
 * the request id (as in the answers quoted in jseerden/IntuneBackupAndRestore#55 and AlexFilipin/ConditionalAccess#10,
 * whose request-id and client-request-id are the same GUID when the client sent none).
 */
export function assignRequestIds(request: IncomingMessage, response: ServerResponse): RequestIds {
  const requestId = randomUUID();
  const sent = request.headers['client-request-id'];
  const clientRequestId = typeof sent === 'string' && sent.trim() !== '' ? sent.trim().slice(0, 200) : requestId;
  const ids = { requestId, clientRequestId };
  idsByResponse.set(response, ids);
  response.setHeader('request-id', requestId);
  response.setHeader('client-request-id', clientRequestId);
  return ids;
}

export function requestIdsOf(response: ServerResponse | undefined): RequestIds {
  const known = response ? idsByResponse.get(response) : undefined;
  if (known) return known;
  const requestId = randomUUID();
  return { requestId, clientRequestId: requestId };
}

/** Graph's innerError date: UTC without fractions or zone letter, e.g. "2022-03-22T12:40:15". */
function graphDate(): string {
  return new Date().toISOString().slice(0, 19);
}

/** `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export function graphError(code: string, message: string, response?: ServerResponse): object {
  const ids = requestIdsOf(response);
  return {
    error: {
      code,
      message,
      innerError: { date: graphDate(), 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId },
    },
  };
}

/**
 * Intune's errors: the message is itself a JSON text (CRLF-indented, `_version` 3) whose Message ends with the
 * operation id for customer support, the activity id (the request id) and the URL of the Intune front end that
 * answered. Shape as quoted from real tenants: jseerden/IntuneBackupAndRestore#55 and microsoft-graph-docs-contrib#87
 * (403 Forbidden), almenscorner/IntuneCD#217 (429 TooManyRequests), mondoohq/cnspec#1708.
 */
export function intuneError(
  code: string,
  text: string,
  requestPath: string,
  response?: ServerResponse,
  retryAfterSeconds: number | null = null,
): { body: object; operationId: string } {
  const ids = requestIdsOf(response);
  const operationId = randomUUID();
  const url = `https://fef.msua06.manage.microsoft.com/${intuneFrontEnd(requestPath)}/${requestPath}?api-version=5024-11-18`;
  const inner = {
    _version: 3,
    Message: `${text} - Operation ID (for customer support): ${operationId} - Activity ID: ${ids.requestId} - Url: ${url}`,
    CustomApiErrorPhrase: '',
    RetryAfter: retryAfterSeconds,
    ErrorSourceService: '',
    HttpHeaders: '{}',
  };
  const message = JSON.stringify(inner, null, 2).replace(/\n/g, '\r\n');
  return { body: graphError(code, message, response), operationId };
}

// The Intune micro-service names that appear in those URLs (StatelessDeviceConfigurationFEService, …).
function intuneFrontEnd(requestPath: string): string {
  if (requestPath.startsWith('deviceAppManagement/')) return 'StatelessAppMetadataFEService';
  if (/deviceEnrollmentConfigurations|windowsAutopilotDeploymentProfiles/.test(requestPath)) return 'StatelessEnrollmentFEService';
  if (requestPath.startsWith('deviceManagement/roleScopeTags')) return 'StatelessRBACFEService';
  return 'DeviceConfiguration_2411/StatelessDeviceConfigurationFEService';
}

/** The 403 Intune answers a token without any of the operation's scopes (jseerden/IntuneBackupAndRestore#55). */
export function intuneForbidden(requestPath: string, scopes: readonly string[], response?: ServerResponse): object {
  const text = `Application is not authorized to perform this operation. Application must have one of the following scopes: ${scopes.join(', ')}`;
  return intuneError('Forbidden', text, requestPath, response).body;
}
