// The identifiers Microsoft support asks for when a Graph call failed, taken from a response and nothing else of it.
//
// - `request-id`: Graph's own id of the request, and `client-request-id`: the id the client sent, echoed back when
//   asked with `return-client-request-id: true`. Both are response headers, and Graph's error JSON repeats them in
//   `error.innerError` (learn.microsoft.com/graph/errors, "innerError"). learn.microsoft.com/graph/best-practices-concept,
//   "Reliability and support": send a unique GUID as `client-request-id` on every request and log it; always log the
//   `request-id`, timestamp and `x-ms-ags-diagnostic` response headers — "required when reporting issues ... to
//   Microsoft Customer Support".
// - Intune's backend wraps its own error as a JSON *string* inside `error.message`:
//   `{"_version": 3, "Message": "An error has occurred - Operation ID (for customer support): <guid> - Activity ID:
//   <guid> - Url: https://fef.msua08.manage.microsoft.com/..."}`. That is the shape of real Intune error bodies as
//   administrators' tools quote them (a BadRequest from deviceAppManagement/mobileApps captured in 2022 carries
//   Operation ID 00000000-…, and an Activity ID equal to its innerError request-id and client-request-id). The
//   operation id is often all zeros, which identifies nothing and is dropped; the activity id is Intune's trace id.
// Only values shaped exactly like GUIDs are kept, so nothing else of a response body can travel on through these
// fields into messages, logs or a run's failure_summary.

export interface SupportIds {
  request_id: string | null;
  client_request_id: string | null;
  intune_operation_id: string | null;
  intune_activity_id: string | null;
}

export const noSupportIds: SupportIds = Object.freeze({
  request_id: null,
  client_request_id: null,
  intune_operation_id: null,
  intune_activity_id: null,
});

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const operationIdPattern = /Operation ID \(for customer support\):\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;
const activityIdPattern = /Activity ID:\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/** A GUID in lower case, or null for anything else (including the all-zero GUID, which names nothing). */
export function guidOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!guidPattern.test(trimmed) || /^[0-]+$/.test(trimmed)) return null;
  return trimmed.toLowerCase();
}

/**
 * What a failed request's log line adds beyond the ids: the response's `date` and `x-ms-ags-diagnostic` headers
 * (Graph's front-end server info, a small JSON of data centre and role names), length-capped and limited to the
 * characters such JSON uses. Headers only; never the body.
 */
export function diagnosticHeadersOf(headers: Headers | null): { response_date: string | null; ags_diagnostic: string | null } {
  const date = headers?.get('date') ?? null;
  const diagnostic = headers?.get('x-ms-ags-diagnostic') ?? null;
  const safe = (value: string | null, max: number) =>
    value !== null && value.length <= max && /^[\w\s.,:;{}"'()+/-]*$/.test(value) ? value : null;
  return { response_date: safe(date, 64), ags_diagnostic: safe(diagnostic, 300) };
}

interface ResponseLike {
  headers: Headers;
  text: string;
  clientRequestId?: string;
}

/**
 * The support ids of one exchange: headers first, then the error JSON's innerError, then Intune's message. A request
 * that got no response still has the client-request-id it sent.
 */
export function supportIdsOf(response: ResponseLike | null, sentClientRequestId: string | null = null): SupportIds {
  const sent = guidOrNull(response?.clientRequestId ?? sentClientRequestId);
  if (!response) return { ...noSupportIds, client_request_id: sent };
  const error = errorObjectOf(response.text);
  const inner = objectOr(error?.['innerError']) ?? objectOr(error?.['innererror']);
  const message = typeof error?.['message'] === 'string' ? error['message'] : '';
  return {
    request_id: guidOrNull(response.headers.get('request-id')) ?? guidOrNull(inner?.['request-id']),
    client_request_id: guidOrNull(response.headers.get('client-request-id')) ?? guidOrNull(inner?.['client-request-id']) ?? sent,
    intune_operation_id: guidOrNull(operationIdPattern.exec(message)?.[1]),
    intune_activity_id: guidOrNull(activityIdPattern.exec(message)?.[1]),
  };
}

/**
 * "request-id …, client-request-id …, Intune operation id …": each distinct id once, in that order, or '' when there
 * are none. Ids are bare GUIDs separated by ", " so that the failure-summary scrubber keeps them
 * (src/domain/operations/failure-summary.ts keeps GUIDs; a `key: value` or `key=value` form would be redacted).
 */
export function supportIdsText(ids: SupportIds): string {
  const labelled: Array<[string, string | null]> = [
    ['request-id', ids.request_id],
    ['client-request-id', ids.client_request_id],
    ['Intune operation id', ids.intune_operation_id],
    ['Intune activity id', ids.intune_activity_id],
  ];
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const [label, value] of labelled) {
    if (value === null) continue;
    if (seen.has(value)) {
      // The same GUID under two names (Graph may use the client's id as its own): name it once, with both labels.
      const index = parts.findIndex((part) => part.endsWith(value));
      if (index >= 0) parts[index] = parts[index]!.replace(` ${value}`, ` and ${label} ${value}`);
      continue;
    }
    seen.add(value);
    parts.push(`${label} ${value}`);
  }
  return parts.join(', ');
}

function errorObjectOf(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return objectOr(objectOr(parsed)?.['error']);
  } catch {
    return null;
  }
}

function objectOr(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
