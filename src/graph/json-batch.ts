// Microsoft Graph JSON batching, the wire format (learn.microsoft.com/graph/json-batching): a POST to
// `{graph}/{version}/$batch` whose body is `{"requests":[{"id","method","url"}]}` — at most 20 requests, each `url`
// relative to the version ("/users", with its query) — answered `{"responses":[{"id","status","headers","body"}]}`.
// "Individual responses might appear in a different order than the requests. The id property can be used to correlate
// individual requests and responses"; each has its own HTTP `status` and `headers`, and a 200 on the batch "doesn't
// indicate that the individual requests inside the batch succeeded". Pure functions only: the sending, retrying and
// budgeting are batch-reader.ts's.
import type { RawResponse } from './http-attempt';
import { parseJsonObject } from './map-graph-error';

/** "JSON batch requests are currently limited to 20 individual requests" (json-batching, "Batch size limitations"). */
export const maxBatchRequests = 20;

export interface BatchRequestEntry {
  id: string;
  method: 'GET';
  /** Relative to the API version, starting with '/', query included. */
  url: string;
}

/** One individual response, as Graph puts it in `responses`. */
export interface BatchSubResponse {
  id: string;
  status: number;
  headers: Headers;
  /** A JSON object for JSON answers; Graph sends other content base64-encoded as a string. */
  body: unknown;
}

export function batchRequestBody(urls: readonly string[]): string {
  const requests: BatchRequestEntry[] = urls.map((url, index) => ({ id: String(index + 1), method: 'GET', url }));
  return JSON.stringify({ requests });
}

/**
 * The individual responses of a batch answer, by id (ids are "not case-sensitive": keyed in lower case), or null when the
 * answer is not a batch response at all. An entry without an id or a numeric status is left out, so the request it
 * answered reads as unanswered.
 */
export function parseBatchResponse(text: string): Map<string, BatchSubResponse> | null {
  const body = parseJsonObject(text);
  const responses = body?.['responses'];
  if (!Array.isArray(responses)) return null;
  const byId = new Map<string, BatchSubResponse>();
  for (const entry of responses) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) continue;
    const { id, status, headers, body: subBody } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || typeof status !== 'number' || !Number.isInteger(status)) continue;
    byId.set(id.toLowerCase(), { id, status, headers: headersOf(headers), body: subBody });
  }
  return byId;
}

/**
 * An individual response in the shape of an HTTP exchange, so the single-request mapping (map-graph-error.ts) and the
 * support ids (support-ids.ts: headers first, then the error JSON's innerError and Intune's message) apply to it as
 * they are. `clientRequestId` is the one the batch request was sent with.
 */
export function subResponseAsRaw(sub: BatchSubResponse, clientRequestId: string | undefined): RawResponse {
  const text = sub.body === undefined || sub.body === null ? '' : typeof sub.body === 'string' ? sub.body : JSON.stringify(sub.body);
  return { status: sub.status, headers: sub.headers, text, clientRequestId };
}

function headersOf(value: unknown): Headers {
  const headers = new Headers();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return headers;
  for (const [name, headerValue] of Object.entries(value as Record<string, unknown>)) {
    if (typeof headerValue !== 'string' && typeof headerValue !== 'number') continue;
    try {
      headers.set(name, String(headerValue));
    } catch {
      // A name or value Headers refuses (not a token, a line break): not something to carry on.
    }
  }
  return headers;
}
