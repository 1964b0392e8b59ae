import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifySession from '@fastify/session';
import fastifySwagger from '@fastify/swagger';
import crypto from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext, RegisterRoutes, ZodApp } from './app-context';
import { registerAccess } from './plugins/access';
import { MUTATING, registerAuthentication } from './plugins/authentication';
import { registerErrorHandler } from './plugins/error-handler';
import { createSessionStore, SESSION_COOKIE } from './plugins/session-store';
import { registerSecurityHeaders } from './plugins/security-headers';
import { registerWebApp } from './plugins/web-app';
import { healthRoutes } from './health/health-routes';
import { serverLimitOptions } from './server-limits';
import { routeModules } from './routes';
import { AccessCache, uncachedAccess } from './access-cache';
import { operationsPortsOf } from './operations-ports';
import { httpRequestDuration } from '../observability/metrics';

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface BuildAppOptions {
  /** The process's logger (runtime/logger.ts); without one the app logs nothing (route tests). */
  logger?: FastifyBaseLogger;
  serveWebApp?: boolean;
}

/** Builds the HTTP app: plugins in dependency order, then every route module. Does not listen. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<ZodApp> {
  const app = Fastify({
    ...serverLimitOptions(ctx.config.limits),
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Every request line carries request_id: the caller's X-Request-Id (a proxy's), else a fresh UUID.
    requestIdHeader: 'x-request-id',
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
    genReqId: () => crypto.randomUUID(),
    // X-Forwarded-* is believed only from the proxies the operator named (docs/SECURITY.md): an untrusted
    // client cannot choose the address the sign-in limits count against.
    trustProxy: trustProxyOption(ctx.config.trustProxy),
  }).withTypeProvider<ZodTypeProvider>();
  // The API speaks JSON only. Without the text/plain parser, a cross-site HTML form (which can send
  // text/plain but not application/json without a CORS preflight) is refused with 415 before any route runs.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'TenantAtlas API', version: '1', description: 'Multi-tenant governance console for Microsoft Intune (SPEC §4).' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ta_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    // Response schemas registered with an id (`.meta({ id })`) become named components: the web app's types
    // are generated from them (web/src/api/generated/openapi.ts).
    transformObject: jsonSchemaTransformObject,
  });

  await registerSecurityHeaders(app, { https: ctx.config.secureCookies });
  // Probes first, in their own context: no session or token lookup, and an answer while the database is down.
  await app.register(healthRoutes(ctx));

  await app.register(fastifyCookie, { secret: ctx.keys.cookieSecret });
  await app.register(fastifySession, {
    secret: ctx.keys.sessionSecret,
    cookieName: SESSION_COOKIE,
    saveUninitialized: false,
    store: createSessionStore(ctx.db),
    cookie: { httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies ? true : 'auto', path: '/', maxAge: SESSION_TTL_MS },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });

  const webAppServed = options.serveWebApp !== false && (await registerWebApp(app));
  registerErrorHandler(app, { spaFallback: webAppServed });
  const accessCache = accessCacheFor(app, ctx);
  registerAuthentication(app, ctx.db, accessCache);
  registerAccess(app, ctx.db, accessCache);

  // Request duration by route *pattern* (never the raw path, which carries ids) for the metrics endpoint.
  app.addHook('onResponse', async (request, reply) => {
    httpRequestDuration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  for (const register of routeModules as RegisterRoutes[]) register(app, ctx);

  app.get('/api/openapi.json', {
    config: { access: { scope: 'public' } },
    schema: { hide: true },
    handler: async () => app.swagger(),
  });

  await app.ready();
  return app;
}

/**
 * The per-process memory of token owners and workspace roles (http/access-cache.ts), kept true by the change
 * feed's access notifications. A process without a feed cannot hear other processes' changes: it keeps nothing.
 */
function accessCacheFor(app: ZodApp, ctx: AppContext): AccessCache {
  const feed = operationsPortsOf(ctx).feed;
  if (!feed || ctx.config.accessCacheMs <= 0) return uncachedAccess();
  const cache = new AccessCache(ctx.config.accessCacheMs);
  const unsubscribe = feed.subscribe({ change: () => {}, resync: () => cache.forgetEverything(), accessChanged: (change) => cache.forget(change) });
  app.addHook('onClose', async () => unsubscribe());
  // A change made through this process is seen by its author's next request, without waiting for the notification.
  app.addHook('onSend', async (request, reply) => {
    if (MUTATING.has(request.method) && reply.statusCode < 400) cache.forgetEverything();
  });
  return cache;
}

/** A hop count becomes proxy-addr's "trust the first n hops" function (Fastify's types take no number). */
function trustProxyOption(setting: boolean | number | string[]): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}
