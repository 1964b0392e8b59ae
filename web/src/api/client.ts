// The one transport of the web app: same-origin fetch with the session cookie, JSON in and out,
// `{error:{code,message}}` turned into ApiError, and the CSRF token on every mutating request.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Set on 400 validation errors: the input field the server refused. */
  readonly field: string | null;

  constructor(status: number, code: string, message: string, field: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  /** Sign-in answers 401 for bad credentials; that must not bounce the user to the sign-in page. */
  allowUnauthorized?: boolean;
  /** Sign-in is the one mutating request without a session, so without a CSRF token (the server exempts it). */
  csrf?: false;
}

let csrfToken: string | null = null;
let unauthorizedHandler: () => void = () => undefined;

/** The app registers where a 401 leads (the sign-in page); the client itself knows no routes. */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

/** The token is bound to the session, so it is forgotten whenever the session changes. */
export function forgetCsrfToken(): void {
  csrfToken = null;
}

async function fetchCsrfToken(): Promise<string> {
  const { csrf_token } = await send<{ csrf_token: string }>('GET', '/api/auth/csrf', {}, null);
  csrfToken = csrf_token;
  return csrf_token;
}

export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  if (method === 'GET' || options.csrf === false) return send<T>(method, path, options, null);

  const token = csrfToken ?? (await fetchCsrfToken());
  try {
    return await send<T>(method, path, options, token);
  } catch (error) {
    // A token can go stale when the server rotates the session (e.g. at sign-in): fetch a fresh one once.
    if (!isApiError(error, 403) || error.code !== 'csrf.invalid') throw error;
    return send<T>(method, path, options, await fetchCsrfToken());
  }
}

async function send<T>(method: Method, path: string, options: RequestOptions, token: string | null): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (token !== null) headers['x-csrf-token'] = token;

  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;

  const error = toApiError(response.status, payload);
  if (error.status === 401 && !options.allowUnauthorized) {
    forgetCsrfToken();
    unauthorizedHandler();
  }
  throw error;
}

function toApiError(status: number, payload: unknown): ApiError {
  const body = (payload as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
  const code = typeof body?.code === 'string' ? body.code : `http.${status}`;
  const message = typeof body?.message === 'string' ? body.message : `The server answered ${status}.`;
  const field = typeof body?.field === 'string' ? body.field : null;
  return new ApiError(status, code, message, field);
}
