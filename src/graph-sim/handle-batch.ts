// POST /{v1.0|beta}/$batch: Microsoft Graph JSON batching (learn.microsoft.com/graph/json-batching).
//
// What Graph documents and graph-sim does:
// - The body is a JSON object whose `requests` holds the individual requests, each with a required `id` ("Not
//   case-sensitive. Must be unique in the batch, otherwise, the batch request fails with a 400 error code"), `method`
//   and `url` ("The relative resource URL for the individual request": '/users', or 'users?$select=…' as in the page's
//   own example). "If the batch request itself is malformed, the status code is 400."
// - "JSON batch requests are currently limited to 20 individual requests" ("Batch size limitations"); more is a 400
//   worded "Number of requests inside batch exceeds the limit." as Graph answered it in
//   microsoftgraph/microsoftgraph-postman-collections#9. The error code (BadRequest) and the other messages below are
//   graph-sim's own: Graph documents only the status for them.
// - "Requests in a batch are evaluated individually against the applicable throttling limits and if any request
//   exceeds the limits, it fails with a status of 429"; each individual response has its own `status`, `headers` and
//   `body`, and the batch answers 200 whenever it could be parsed. So every individual request is answered by the very
//   handler that answers a single GET (handle-graph.ts) with the batch's bearer token: tenant authentication, faults
//   (one request each; a throttle fault's Retry-After goes in that response's headers), Conditional Access's one
//   request per second, permissions, licence, paging and volatile fields alike, each recorded in the stats with its own
//   path (`batched: true`). Only faults whose pathPrefix starts with '$batch' reach the batch request itself.
// - "Individual responses might appear in a different order than the requests": graph-sim answers them in reverse
//   order, so a client that pairs them by position fails its tests.
// `dependsOn` is not modelled (requests are answered one after another in any case).
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerFault } from './answer-fault';
import { assignRequestIds, graphError } from './graph-error-bodies';
import { authenticatedTenant, handleGraphRequest, unauthenticated, type GraphRequestRecord } from './handle-graph';
import { readBody, sendJson } from './http-io';
import type { SimContext } from './sim-context';

/** Graph's limit of individual requests per batch. */
export const maxBatchRequests = 20;

export async function handleBatchRequest(
  context: SimContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  version: string,
): Promise<GraphRequestRecord> {
  const tenant = authenticatedTenant(context, request, response);
  if (tenant === null) return unauthenticated;
  const id = tenant.entra_tenant_id;
  const fault = context.faults.take(id, 'batch', '$batch');
  if (fault) {
    const answered = await answerFault(context, response, fault, '$batch');
    if (answered !== null) return { entraTenantId: id, status: answered, fault: fault.kind };
  }

  const parsed = parseRequests(await readBody(request));
  if (typeof parsed === 'string') {
    sendJson(response, 400, graphError('BadRequest', parsed, response));
    return { entraTenantId: id, status: 400, fault: fault?.kind ?? null };
  }

  const clientRequestId = response.getHeader('client-request-id');
  const responses: object[] = [];
  for (const entry of parsed) {
    responses.push(await answerOne(context, request, url, version, entry, typeof clientRequestId === 'string' ? clientRequestId : undefined));
  }
  sendJson(response, 200, { responses: responses.reverse() });
  return { entraTenantId: id, status: 200, fault: fault?.kind ?? null };
}

interface BatchEntry {
  id: string;
  method: string;
  url: string;
}

/** The individual requests, or the message of the 400 a malformed batch gets. */
function parseRequests(text: string): BatchEntry[] | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'Invalid batch payload format: the body is not JSON.';
  }
  const requests = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)['requests'] : undefined;
  if (!Array.isArray(requests)) return "Invalid batch payload format: a JSON object with a 'requests' array is required.";
  if (requests.length === 0) return 'Invalid batch payload format: the batch has no requests.';
  if (requests.length > maxBatchRequests) return 'Number of requests inside batch exceeds the limit.';
  const seen = new Set<string>();
  const entries: BatchEntry[] = [];
  for (const request of requests) {
    const { id, method, url } = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') return "Invalid batch payload format: every request needs an 'id'.";
    if (typeof method !== 'string' || method === '') return `Invalid batch payload format: request '${id}' has no 'method'.`;
    if (typeof url !== 'string' || url === '') return `Invalid batch payload format: request '${id}' has no 'url'.`;
    if (seen.has(id.toLowerCase())) return `Invalid batch payload format: the request id '${id}' is not unique in the batch.`;
    seen.add(id.toLowerCase());
    entries.push({ id, method: method.toUpperCase(), url });
  }
  return entries;
}

async function answerOne(
  context: SimContext,
  batchRequest: IncomingMessage,
  batchUrl: URL,
  version: string,
  entry: BatchEntry,
  clientRequestId: string | undefined,
): Promise<object> {
  const captured = new CapturedResponse();
  const asResponse = captured as unknown as ServerResponse;
  const headers: Record<string, string> = {};
  if (batchRequest.headers.authorization) headers['authorization'] = batchRequest.headers.authorization;
  if (clientRequestId) headers['client-request-id'] = clientRequestId;
  const subRequest = { method: entry.method, headers } as unknown as IncomingMessage;
  assignRequestIds(subRequest, asResponse);

  let record: GraphRequestRecord;
  let path = entry.url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(entry.url)) {
    // Not relative: Graph takes only "the relative resource URL".
    sendJson(asResponse, 400, graphError('BadRequest', 'Invalid request: the url of a batched request must be relative.', asResponse));
    record = { entraTenantId: null, status: 400, fault: null };
  } else {
    const url = new URL(`/${version}/${entry.url.replace(/^\/+/, '')}`, `${batchUrl.protocol}//${batchUrl.host}`);
    path = `${url.pathname}${url.search}`;
    record = await handleGraphRequest(context, subRequest, asResponse, url);
  }
  context.stats.record({ method: entry.method, path, entra_tenant_id: record.entraTenantId, status: record.status, fault: record.fault, batched: true });
  return { id: entry.id, status: captured.status, headers: captured.headersForBatch(), ...captured.bodyForBatch() };
}

/**
 * What the single-request handlers write, kept instead of sent: the few ServerResponse members they use (http-io.ts,
 * graph-error-bodies.ts, the simulator's delay).
 */
class CapturedResponse extends EventEmitter {
  status = 200;
  destroyed = false;
  writableEnded = false;
  readonly #headers = new Map<string, string>();
  #text = '';

  setHeader(name: string, value: string | number): this {
    this.#headers.set(name.toLowerCase(), String(value));
    return this;
  }

  getHeader(name: string): string | undefined {
    return this.#headers.get(name.toLowerCase());
  }

  writeHead(status: number, headers: Record<string, string> = {}): this {
    this.status = status;
    for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
    return this;
  }

  end(text = ''): this {
    this.#text = text;
    this.writableEnded = true;
    this.emit('finish');
    return this;
  }

  /** The response's headers as Graph lists them in a batch (e.g. "Content-Type", "Retry-After"); no Content-Length. */
  headersForBatch(): Record<string, string> {
    const spelled: Record<string, string> = { 'content-type': 'Content-Type', 'retry-after': 'Retry-After', 'cache-control': 'Cache-Control' };
    const headers: Record<string, string> = {};
    for (const [name, value] of this.#headers) {
      if (name === 'content-length') continue;
      headers[spelled[name] ?? name] = value;
    }
    return headers;
  }

  /** A JSON body as JSON; anything else (a cut-off body of the malformed fault) as its text, as Graph sends non-JSON content as a string. */
  bodyForBatch(): { body?: unknown } {
    if (this.#text === '') return {};
    try {
      return { body: JSON.parse(this.#text) as unknown };
    } catch {
      return { body: this.#text };
    }
  }
}
