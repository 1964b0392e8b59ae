import createClient, { type ClientPathsWithMethod, type Middleware } from 'openapi-fetch';
import type { paths } from './generated/openapi';

// The one transport of the web app: openapi-fetch over the paths generated from the server's OpenAPI document,
// so every path, parameter, body and answer is typed by the server's schemas (a renamed route, field or enum
// value breaks the web build). Same-origin fetch with the session cookie, the CSRF token on every mutating
// request, and `{error:{code,message,field?}}` turned into ApiError by `answer`.

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

/** The typed client: `api.GET('/api/tenants/{tenant_id}', { params: { path: { tenant_id } } })`, read through `answer`. */
export const api = createClient<paths>({
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
  // Looked up per request (not captured once), like a plain fetch call.
  fetch: (request) => globalThis.fetch(request),
});

type Client = typeof api;

/**
 * Sign-in and accepting an invitation are the mutating requests made without a session, so without a CSRF token
 * (the server's public routes are exempt). Typed by the generated paths: a renamed route breaks the build.
 */
const withoutCsrf: ReadonlySet<string> = new Set<ClientPathsWithMethod<Client, 'post'>>(['/api/auth/login', '/api/invitations/{token}/accept']);

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

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
  const { csrf_token } = await answer(api.GET('/api/auth/csrf'));
  csrfToken = csrf_token;
  return csrf_token;
}

/** Each mutating request as it was before it was sent, to send again once with a fresh token. */
const unsent = new Map<string, Request>();

const csrf: Middleware = {
  async onRequest({ request, schemaPath, id }) {
    if (!MUTATING.has(request.method) || withoutCsrf.has(schemaPath)) return undefined;
    request.headers.set('x-csrf-token', csrfToken ?? (await fetchCsrfToken()));
    unsent.set(id, request.clone());
    return request;
  },
  async onResponse({ response, id }) {
    const original = unsent.get(id);
    unsent.delete(id);
    // A token can go stale when the server rotates the session (e.g. at sign-in): fetch a fresh one once.
    if (!original || response.status !== 403 || (await errorOf(response.clone())).code !== 'csrf.invalid') return undefined;
    original.headers.set('x-csrf-token', await fetchCsrfToken());
    return globalThis.fetch(original);
  },
  onError({ id }) {
    unsent.delete(id);
  },
};
api.use(csrf);

interface Answered<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

export interface AnswerOptions {
  /** Sign-in answers 401 for bad credentials; that must not bounce the user to the sign-in page. */
  allowUnauthorized?: boolean;
}

/**
 * The body of a successful answer, typed by the route's schema (undefined for 204); any other answer is thrown
 * as ApiError, and a 401 (unless allowed) forgets the CSRF token and leads to the sign-in page.
 */
export async function answer<D>(pending: Promise<Answered<D>>, options: AnswerOptions = {}): Promise<D> {
  const { data, error, response } = await pending;
  if (response.ok) return data as D;
  const failure = toApiError(response.status, error);
  if (failure.status === 401 && !options.allowUnauthorized) {
    forgetCsrfToken();
    unauthorizedHandler();
  }
  throw failure;
}

async function errorOf(response: Response): Promise<ApiError> {
  return toApiError(response.status, await response.json().catch(() => null));
}

function toApiError(status: number, payload: unknown): ApiError {
  const body = (payload as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null | undefined)?.error;
  const code = typeof body?.code === 'string' ? body.code : `http.${status}`;
  const message = typeof body?.message === 'string' ? body.message : `The server answered ${status}.`;
  const field = typeof body?.field === 'string' ? body.field : null;
  return new ApiError(status, code, message, field);
}
