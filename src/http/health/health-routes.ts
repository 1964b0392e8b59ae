import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { readiness } from './readiness';

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
        summary: 'Readiness: database, migrations, queue and worker',
        description:
          '200 `{status:"ok"}`, or 503 `{status:"unavailable", failing:[…]}` naming each failing check: database, migrations, queue, and ' +
          'worker (in a process running one: its job loops cannot fetch jobs), with `reasons.worker` saying which and since when.',
        response: {
          200: statusSchema,
          503: z.object({
            status: z.literal('unavailable'),
            failing: z.array(z.enum(['database', 'migrations', 'queue', 'worker'])),
            reasons: z.object({ worker: z.string().optional() }).optional(),
          }),
        },
      },
      handler: async (_request, reply) => {
        const { failing, reasons } = await readiness({
          db: ctx.db,
          checkQueue: ctx.operations?.checkQueue,
          workerProblem: ctx.operations?.workerProblem,
          timeoutMs: READINESS_TIMEOUT_MS,
        });
        if (failing.length > 0) {
          return reply.status(503).send({ status: 'unavailable' as const, failing, ...(Object.keys(reasons).length > 0 ? { reasons } : {}) });
        }
        return { status: 'ok' as const };
      },
    });
  };
}
