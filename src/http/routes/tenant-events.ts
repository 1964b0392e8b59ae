import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RegisterRoutes } from '../app-context';
import { HttpError } from '../errors';
import { openRunEventStream, sharedAccessCheck, sharedRunLoader } from '../events/run-event-stream';
import { StreamSlots } from '../events/stream-slots';
import { accessOf } from '../plugins/access';
import { errorResponses, idParam } from '../schemas/common';
import { operationsPortsOf } from '../operations-ports';

// Live updates of a tenant's runs (SPEC §4), and of a whole workspace's for the portfolio (issue 20). Changes arrive through the run change feed (LISTEN/NOTIFY),
// so a run changed by a worker in another process reaches this browser too; no page ever polls. When the
// feed may have missed changes, the stream says `resync` and the page re-reads.
export const registerTenantEventRoutes: RegisterRoutes = (app, ctx) => {
  const { db, config } = ctx;
  const loadRun = sharedRunLoader(db);
  const checkAccess = sharedAccessCheck(db);
  const slots = new StreamSlots(config.eventStreams);
  const open = new Set<{ close(): void }>();
  // Server-sent-event connections never go idle; end them so closing the server does not wait for browsers.
  app.addHook('preClose', async () => {
    for (const stream of open) stream.close();
  });

  /** One stream of the viewer's runs: of one tenant, or (tenantId null) of every tenant of the workspace. */
  const openStream = async (request: FastifyRequest, reply: FastifyReply, tenantId: number | null) => {
    const feed = operationsPortsOf(ctx).feed;
    if (!feed) throw new HttpError(503, 'events.unavailable', 'Live updates are not available on this server; reload to see changes.');
    const { workspaceId } = accessOf(request);
    const viewer = request.viewer;
    if (!viewer) throw new HttpError(401, 'auth.required', 'Sign in to continue.');
    // A HEAD (a probe, a prefetching proxy) gets the stream's headers, never an endless body.
    if (request.method === 'HEAD') return reply.status(200).header('content-type', 'text/event-stream; charset=utf-8').send(undefined as never);

    const release = slots.take({ userId: viewer.id, tokenId: viewer.tokenId });
    if (!release) {
      throw new HttpError(429, 'events.too_many_streams', 'Too many live-update streams are open for this account; close other tabs or scripts and try again.');
    }
    reply.hijack();
    const stream = openRunEventStream({
      feed,
      tenantId,
      viewer: { workspaceId, userId: viewer.id, tokenId: viewer.tokenId, sessionId: viewer.via === 'session' ? request.session.sessionId : null },
      response: reply.raw,
      loadRun,
      checkAccess,
      pingMs: config.eventStreams.pingMs,
      onError: (error) => request.log.warn({ err: error }, 'run event stream failed to send a change'),
      onClose: () => {
        open.delete(stream);
        release();
      },
    });
    open.add(stream);
    return reply;
  };

  app.get('/api/tenants/:tenant_id/events', {
    config: { access: { scope: 'tenant', capability: 'view' } },
    schema: {
      tags: ['operations'],
      summary: 'Server-sent events: a message whenever a run of the tenant changes',
      description:
        'text/event-stream. `event: run` with data `{"run": run}` on every change of a run of this tenant; ' +
        '`event: resync` with data `{}` when the server may have missed changes (its database listener reconnected) — ' +
        'the client must re-read the tenant\'s runs, KPIs and lists; a comment line every 25 s. ' +
        'The stream closes as soon as the viewer loses access (membership removed, token deleted). ' +
        'At most TENANTATLAS_MAX_EVENT_STREAMS_PER_USER streams per user and TENANTATLAS_MAX_EVENT_STREAMS_PER_TOKEN per token at once (429 beyond). ' +
        'HEAD answers at once with the headers only.',
      params: z.object({ tenant_id: idParam }),
      response: { ...errorResponses, 503: errorResponses[409] },
    },
    handler: (request, reply) => openStream(request, reply, accessOf(request).scopeId),
  });
  app.get('/api/workspaces/:workspace_id/events', {
    config: { access: { scope: 'workspace', capability: 'view' } },
    schema: {
      tags: ['operations'],
      summary: 'Server-sent events: a message whenever a run of any tenant of the workspace changes (the portfolio)',
      description:
        'As /api/tenants/:tenant_id/events, for every run of the workspace: `event: run` with `{"run": run}`, `event: resync` when changes may ' +
        'have been missed (re-read the portfolio), a comment line every 25 s; closed as soon as the viewer loses access; counted against the same per-user and per-token limits.',
      params: z.object({ workspace_id: idParam }),
      response: { ...errorResponses, 503: errorResponses[409] },
    },
    handler: (request, reply) => openStream(request, reply, null),
  });
};

