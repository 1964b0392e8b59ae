import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
import type { ServerLimits } from '../config';
import { clientErrorHandler, frameworkErrorHandler } from './plugins/error-handler';

/**
 * The Fastify and Node HTTP server options that keep slow or hostile clients from holding connections and
 * memory: a deadline for the headers, for the whole request (headers and body), an idle deadline for a
 * connection, a body size cap (413), and the product's error shape for errors raised before any route runs.
 * Node checks the header and request deadlines every `connectionsCheckingInterval`, so that interval is
 * short enough to make them hold to within a second.
 */
export function serverLimitOptions(limits: ServerLimits): FastifyHttpOptions<Server> {
  return {
    bodyLimit: limits.bodyLimitBytes,
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    http: {
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: 1000,
    },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  };
}
