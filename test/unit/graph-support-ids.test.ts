// Support ids: what Microsoft support needs to find a failed call (learn.microsoft.com/graph/best-practices-concept,
// "Reliability and support"; learn.microsoft.com/graph/errors, innerError), kept through to a run's failure_summary.
import { describe, expect, it } from 'vitest';
import { GraphError, supportIdsOf, supportIdsText } from '../../src/graph';
import { graphClientError, transportError } from '../../src/graph/map-graph-error';
import { scrubFailureMessage, MAX_FAILURE_MESSAGE_LENGTH } from '../../src/domain/operations/failure-summary';

const requestId = '5f1c7f31-6b1e-4b7a-9a43-3c2c1a6b9d10';
const clientRequestId = 'c7a2e9d4-0e3b-4f0c-b1a5-8d6e2f4a9b37';
const operationId = '0b6d1f2e-3c4a-4e5f-8a7b-9c0d1e2f3a4b';
const activityId = 'e4d3c2b1-a0f9-4e8d-b7c6-a5b4c3d2e1f0';

// The shape of an Intune error as real Graph sends it: Intune's own JSON as a string in error.message.
function intuneBody(operation = operationId, activity = activityId): string {
  const inner = JSON.stringify({
    _version: 3,
    Message: `An error has occurred - Operation ID (for customer support): ${operation} - Activity ID: ${activity} - Url: https://fef.msub02.manage.microsoft.com/DeviceConfiguration_2405/StatelessDeviceConfigurationFEService/deviceManagement/deviceConfigurations?api-version=5024-05-01`,
    CustomApiErrorPhrase: '',
    RetryAfter: null,
  });
  return JSON.stringify({ error: { code: 'InternalServerError', message: inner, innerError: { date: '2025-01-01T00:00:00', 'request-id': requestId, 'client-request-id': clientRequestId } } });
}

describe('supportIdsOf', () => {
  it('prefers the response headers', () => {
    const headers = new Headers({ 'request-id': requestId.toUpperCase(), 'client-request-id': clientRequestId });
    expect(supportIdsOf({ headers, text: '' })).toEqual({ request_id: requestId, client_request_id: clientRequestId, intune_operation_id: null, intune_activity_id: null });
  });

  it('falls back to error.innerError and reads Intune operation and activity ids from the message', () => {
    expect(supportIdsOf({ headers: new Headers(), text: intuneBody() })).toEqual({
      request_id: requestId,
      client_request_id: clientRequestId,
      intune_operation_id: operationId,
      intune_activity_id: activityId,
    });
  });

  it('drops the all-zero operation id Intune often sends, and anything not shaped like a GUID', () => {
    const ids = supportIdsOf({ headers: new Headers({ 'request-id': 'not-a-guid' }), text: intuneBody('00000000-0000-0000-0000-000000000000') });
    expect(ids.intune_operation_id).toBeNull();
    expect(ids.request_id).toBe(requestId);
    const injected = supportIdsOf({ headers: new Headers({ 'request-id': `${requestId} secret=abc` }), text: 'not json' });
    expect(injected.request_id).toBeNull();
  });

  it('keeps the client-request-id sent when no response came back', () => {
    expect(supportIdsOf(null, clientRequestId)).toMatchObject({ client_request_id: clientRequestId, request_id: null });
  });

  it('names each distinct id once', () => {
    expect(supportIdsText({ request_id: requestId, client_request_id: requestId, intune_operation_id: null, intune_activity_id: requestId })).toBe(
      `request-id and client-request-id and Intune activity id ${requestId}`,
    );
    expect(supportIdsText({ request_id: null, client_request_id: null, intune_operation_id: null, intune_activity_id: null })).toBe('');
  });
});

describe('the ids survive into a run failure_summary', () => {
  const response = { status: 500, headers: new Headers({ 'request-id': requestId, 'client-request-id': clientRequestId }), text: intuneBody() };
  // How a handler words a failed policy or type (src/jobs/handlers/inventory-sync/): a prefix before our message.
  const prefix = 'Settings catalog policy "Defender baseline" could not be read: ';
  const longPrefix = 'Settings catalog policy "Windows - Defender Antivirus baseline (pilot ring)" was not read, its stored items are unchanged: ';
  const longPath = `deviceManagement/configurationPolicies/${'9'.repeat(8)}-1111-4222-8333-444455556666/settings`;
  const unavailable = (path: string, body = intuneBody()) =>
    transportError({ kind: 'response', response: { ...response, text: body }, attempts: 4, elapsedMs: 3000, gaveUp: { reason: 'attempts' } }, path, 'Microsoft Graph')!;

  it('keeps what Intune really sends (activity id = request-id, operation id zero) whole through scrubFailureMessage', () => {
    const error = unavailable('deviceManagement/deviceCompliancePolicies', intuneBody('00000000-0000-0000-0000-000000000000', requestId));
    expect(error.message).toBe(
      `Microsoft Graph was unavailable (HTTP 500, request-id and Intune activity id ${requestId}, client-request-id ${clientRequestId}) ` +
        'for deviceManagement/deviceCompliancePolicies after 4 attempts.',
    );
    expect(scrubFailureMessage(`${prefix}${error.message}`)).toBe(`${prefix}${error.message}`);
    expect(scrubFailureMessage(`${longPrefix}${error.message}`)).toContain(`client-request-id ${clientRequestId}) for `);
  });

  it('puts the ids before the path, so a long path or prefix cuts the path first', () => {
    const error = unavailable(longPath);
    expect(error).toBeInstanceOf(GraphError);
    const scrubbed = scrubFailureMessage(`${prefix}${error.message}`);
    expect(scrubbed).toContain(`(HTTP 500, request-id ${requestId}, client-request-id ${clientRequestId}, Intune operation id ${operationId}, `);
    expect(scrubbed.length).toBeLessThanOrEqual(MAX_FAILURE_MESSAGE_LENGTH);
    expect(scrubbed).not.toContain('[redacted]');
    // Even behind a long policy name Graph's two ids survive; the 300-character cap then ends the message.
    const behindLongName = scrubFailureMessage(`${longPrefix}${error.message}`);
    expect(behindLongName).toContain(`request-id ${requestId}, client-request-id ${clientRequestId}`);
  });

  it('keeps the ids of a 4xx, and never the body', () => {
    const error = graphClientError({ ...response, status: 403 }, 1, 'deviceManagement/deviceHealthScripts');
    expect(error.message).toBe(
      `The app registration lacks permission (HTTP 403, InternalServerError, request-id ${requestId}, client-request-id ${clientRequestId}, ` +
        `Intune operation id ${operationId}, Intune activity id ${activityId}) for deviceManagement/deviceHealthScripts; check its Graph API permissions and admin consent.`,
    );
    expect(scrubFailureMessage(error.message)).toContain(`Intune activity id ${activityId})`);
    expect(error.message).not.toContain('fef.msub02');
    expect(error.toJSON()).toMatchObject({ request_id: requestId, client_request_id: clientRequestId, intune_operation_id: operationId, intune_activity_id: activityId });
  });

  it('keeps the ids of a budget-exhausted throttle', () => {
    const throttled = { status: 429, headers: new Headers({ 'request-id': requestId, 'client-request-id': clientRequestId }), text: '{}' };
    const error = transportError(
      { kind: 'response', response: throttled, attempts: 37, elapsedMs: 598_000, gaveUp: { reason: 'budget', elapsedMs: 598_000, budgetMs: 600_000, waitMs: 30_000 } },
      'deviceManagement/deviceConfigurations',
      'Microsoft Graph',
    );
    expect(error?.message).toBe(
      `Microsoft Graph throttled (HTTP 429, request-id ${requestId}, client-request-id ${clientRequestId}) deviceManagement/deviceConfigurations ` +
        'for 9 min 58 s over 37 attempts; waiting another 30 s would pass the 10 min retry budget.',
    );
    expect(scrubFailureMessage(`${longPrefix}${error!.message}`)).toContain(clientRequestId);
  });
});
