import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HttpError, type ErrorBody } from '../errors';

// Every error leaves as `{ error: { code, message } }`; nothing internal (stack, SQL, payloads) reaches
// the client, and unexpected errors are logged once here.
export function registerErrorHandler(app: FastifyInstance, options: { spaFallback: boolean }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body } = toErrorBody(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the web app (/w/acme/tenants/3) are answered with the app itself.
    if (options.spaFallback && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'not_found', message: 'Not found.' } } satisfies ErrorBody);
  });
}

function toErrorBody(error: FastifyError): { status: number; body: ErrorBody } {
  if (error instanceof HttpError) {
    const field = error.field === undefined ? {} : { field: error.field };
    return { status: error.statusCode, body: { error: { code: error.code, message: error.message, ...field } } };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const pathFromIssue = (first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const missing = (first?.params as { issue?: { path?: unknown[] } } | undefined)?.issue?.path?.join('.');
    const field = pathFromIssue || missing || error.validationContext || 'body';
    return {
      status: 400,
      body: { error: { code: 'validation', message: `${field}: ${first?.message ?? 'invalid value'}`, field } },
    };
  }
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
    return { status: 403, body: { error: { code: 'csrf.invalid', message: 'Missing or invalid CSRF token; reload and try again.' } } };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, wrong content type, body too large.
    return { status, body: { error: { code: 'bad_request', message: error.message } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side; it has been logged.' } } };
}
