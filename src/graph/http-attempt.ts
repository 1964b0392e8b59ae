// One HTTP exchange with a deadline. The body is read inside the attempt so that the timeout and the
// per-tenant concurrency slot cover the whole response, not just its headers.

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The client-request-id this attempt sent (a fresh UUID per attempt), when it sent one. */
  clientRequestId?: string;
}

export type FetchFunction = typeof fetch;

/** A request that produced no HTTP response: it timed out or the connection failed. */
export class AttemptFailure extends Error {
  override readonly name = 'AttemptFailure';
  constructor(
    readonly kind: 'timeout' | 'network',
    /** e.g. ECONNREFUSED; a short system code, never a message that could quote the request. */
    readonly causeCode: string | null,
    /** The client-request-id the attempt sent: all that support can look a lost request up by. */
    readonly clientRequestId: string | null = null,
  ) {
    super(kind === 'timeout' ? 'request timed out' : `network error${causeCode ? ` (${causeCode})` : ''}`);
  }
}

export interface AttemptRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Sent as `client-request-id` with `return-client-request-id: true` (learn.microsoft.com/graph/best-practices-concept). */
  clientRequestId?: string;
  timeoutMs: number;
  /** The caller's own cancellation; an abort from it is rethrown as is and never retried. */
  signal?: AbortSignal;
}

export async function performAttempt(fetchFunction: FetchFunction, request: AttemptRequest): Promise<RawResponse> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  const { clientRequestId } = request;
  const headers = clientRequestId
    ? { ...request.headers, 'client-request-id': clientRequestId, 'return-client-request-id': 'true' }
    : request.headers;
  try {
    const response = await fetchFunction(request.url, {
      method: request.method,
      headers,
      body: request.body,
      signal,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, clientRequestId };
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    if (timeout.aborted) throw new AttemptFailure('timeout', null, clientRequestId ?? null);
    throw new AttemptFailure('network', systemErrorCode(error), clientRequestId ?? null);
  }
}

function systemErrorCode(error: unknown): string | null {
  // undici reports connection failures as TypeError('fetch failed') with the system error as `cause`.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
