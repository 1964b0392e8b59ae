import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HttpError, type ErrorBody } from '../errors';

// Every error leaves as `{ error: { code, message } }` — the ones routes throw, the ones Fastify raises while
// parsing (bad JSON, body too large, malformed URL, over-long path parameter) and the ones Node's HTTP parser
// raises before Fastify sees a request (timeouts, oversized headers). Nothing internal (stack, SQL, payloads)
// reaches the client, and unexpected errors are logged once here.
export function registerErrorHandler(app: FastifyInstance, options: { spaFallback: boolean }): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const { status, body } = toErrorBody(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    // Fastify closes the connection after a 413 while the client may still be sending; closing a socket with
    // unread data makes the kernel answer with a reset, and most clients (curl, browsers, fetch) then report
    // the reset instead of the 413. So the rest of the body is read and dropped first — up to a bound.
    if (status === 413) await discardUnreadBody(request.raw);
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the web app (/w/acme/tenants/3) are answered with the app itself.
    if (options.spaFallback && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send(errorBody('not_found', 'Not found.'));
  });
}

/** The most of an oversized body read and dropped before the 413 goes out, and for how long at most. */
export const OVERSIZED_BODY_DISCARD = { maxBytes: 8 * 1024 * 1024, maxMs: 5_000 };

/**
 * Reads and drops what is left of a request body, until it ends or the bound is passed. A body announced
 * larger than the bound is not waited for at all: the client would see a reset whatever we read.
 */
function discardUnreadBody(raw: IncomingMessage): Promise<void> {
  const announced = Number(raw.headers['content-length']);
  if (raw.complete || raw.readableEnded || raw.destroyed || announced > OVERSIZED_BODY_DISCARD.maxBytes) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const finish = () => {
      clearTimeout(timer);
      raw.off('data', onData).off('end', finish).off('error', finish).off('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > OVERSIZED_BODY_DISCARD.maxBytes) finish();
    };
    const timer = setTimeout(finish, OVERSIZED_BODY_DISCARD.maxMs);
    raw.on('data', onData).once('end', finish).once('error', finish).once('close', finish);
    raw.resume();
  });
}

const errorBody = (code: string, message: string, field?: string): ErrorBody => ({
  error: { code, message, ...(field === undefined ? {} : { field }) },
});

/** Fastify's `frameworkErrors` option: errors raised while routing, before any hook or handler runs. */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.status(414).send(errorBody('request.uri_too_long', 'A part of the address is too long.'));
    return;
  }
  void reply.status(400).send(errorBody('request.malformed_url', 'The address is malformed (for example, a broken %-escape).'));
}

const socketErrors: Record<string, { status: number; reason: string; body: ErrorBody }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    body: errorBody('request.timeout', 'The request was not received in time.'),
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    body: errorBody('request.headers_too_large', 'The request headers are too large.'),
  },
};

/**
 * Fastify's `clientErrorHandler` option: Node's HTTP parser failed (a slow client hit the header or request
 * timeout, headers too large, not HTTP at all). Answered on the raw socket, then the socket is closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = socketErrors[error.code ?? ''] ?? {
    status: 400,
    reason: 'Bad Request',
    body: errorBody('bad_request', 'The request is not valid HTTP.'),
  };
  const payload = JSON.stringify(known.body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${known.status} ${known.reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(payload)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${payload}`,
    );
  }
  socket.destroy(error);
}

// Fastify's own client errors, with a product code each. Anything else 4xx from Fastify is 'bad_request'.
const fastifyClientErrors: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'request.too_large', message: 'The request body is larger than this server accepts.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'request.unsupported_media_type', message: 'Send the request body as application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad_request', message: 'The Content-Length does not match the body.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'bad_request', message: 'The JSON body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'bad_request', message: 'The body is not valid JSON.' },
  FST_ERR_CTP_INSTANCE_ALREADY_STARTED: { code: 'bad_request', message: 'The request could not be read.' },
};

function toErrorBody(error: FastifyError): { status: number; body: ErrorBody } {
  if (error instanceof HttpError) return { status: error.statusCode, body: errorBody(error.code, error.message, error.field) };
  if (hasZodFastifySchemaValidationErrors(error)) return { status: 400, body: validationBody(error) };
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
    return { status: 403, body: errorBody('csrf.invalid', 'Missing or invalid CSRF token; reload and try again.') };
  }
  if (isDatabaseDataError(error)) {
    // A value got past validation that PostgreSQL cannot take (a character it cannot store, a date or number
    // out of its range). It is the request's fault, so 400 — and the next such value gets its own schema rule.
    return { status: 400, body: errorBody('validation', 'A value in the request cannot be stored or compared; check it and try again.') };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const known = fastifyClientErrors[error.code];
    if (error instanceof SyntaxError) return { status: 400, body: errorBody('bad_request', 'The body is not valid JSON.') };
    return { status, body: errorBody(known?.code ?? 'bad_request', known?.message ?? 'The request could not be read.') };
  }
  return { status: 500, body: errorBody('internal', 'Something went wrong on our side; it has been logged.') };
}

function validationBody(error: FastifyError & { validation: Array<{ instancePath?: string; message?: string; params?: unknown }> }) {
  const first = error.validation[0];
  const pathFromIssue = (first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const missing = (first?.params as { issue?: { path?: unknown[] } } | undefined)?.issue?.path?.join('.');
  const field = pathFromIssue || missing || error.validationContext || 'body';
  // Schema messages written as sentences ("Enter a name.") are answered as they are; Zod's own terse ones
  // ("Invalid input") get the field in front so the answer still says what was wrong.
  const message = first?.message ?? 'invalid value';
  return errorBody('validation', /[.!?]$/.test(message) ? message : `${field}: ${message}`, field);
}

/**
 * SQLSTATE class 22 ("data exception": invalid text for a type, out-of-range datetime or number,
 * untranslatable character, bad JSON escape). Both drivers (pg and PGlite) put the SQLSTATE in `code` and
 * mark the error with a `severity`, which no Node or Fastify error has.
 */
function isDatabaseDataError(error: unknown): boolean {
  const candidate = error as { code?: unknown; severity?: unknown };
  return typeof candidate.code === 'string' && /^22[0-9A-Z]{3}$/.test(candidate.code) && typeof candidate.severity === 'string';
}
