import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Response headers that keep the console from being framed, sniffed or cached where it should not be,
 * set by @fastify/helmet on every answer (HTML, assets, API, errors):
 * - CSP: only our own scripts; styles may be inline because Mantine injects its CSS variables in a <style>
 *   element at run time; `frame-ancestors 'none'` (and X-Frame-Options) so no other site can frame it.
 * - X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer (run and tenant ids stay out of other
 *   sites' logs), Cross-Origin-Opener/Resource-Policy: same-origin.
 * - HSTS only when the operator says the console is served over HTTPS (`secureCookies`): sending it from a
 *   plain-HTTP demo on localhost would only confuse browsers.
 * API answers (and health) additionally get `Cache-Control: no-store`: they carry one viewer's data and must
 * not be kept by a shared proxy or the browser's disk cache. The built assets keep their own caching.
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (isApiPath(request.url)) reply.header('cache-control', 'no-store');
    return payload;
  });
}

const isApiPath = (url: string) => url.startsWith('/api/') || url === '/api' || url.startsWith('/healthz') || url.startsWith('/readyz');
