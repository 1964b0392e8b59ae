import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { failingReadinessChecks } from './readiness';

const READINESS_TIMEOUT_MS = 2000;

/**
 * GET /healthz (the process is up and serving) and GET /readyz (it can do its work: database, migrations,
 * queue). Registered in their own plugin before sessions and authentication, so a probe costs no session or
 * token lookup and still answers while the database is down. Never the web app's HTML.
 */
export function healthRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const statusSchema = z.object({ status: z.literal('ok') });
    app.get('/healthz', {
      schema: { tags: ['health'], summary: 'Liveness: the process is serving', response: { 200: statusSchema } },
      handler: async () => ({ status: 'ok' as const }),
    });
    app.get('/readyz', {
      schema: {
        tags: ['health'],
        summary: 'Readiness: database, migrations and queue',
        description: '200 `{status:"ok"}`, or 503 `{status:"unavailable", failing:[…]}` naming each failing check: database, migrations, queue.',
        response: {
          200: statusSchema,
          503: z.object({ status: z.literal('unavailable'), failing: z.array(z.enum(['database', 'migrations', 'queue'])) }),
        },
      },
      handler: async (_request, reply) => {
        const failing = await failingReadinessChecks({ db: ctx.db, checkQueue: ctx.operations?.checkQueue, timeoutMs: READINESS_TIMEOUT_MS });
        if (failing.length > 0) return reply.status(503).send({ status: 'unavailable' as const, failing });
        return { status: 'ok' as const };
      },
    });
  };
}
