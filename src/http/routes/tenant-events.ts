import { z } from 'zod';
import { findMembershipRole } from '../../db/queries/memberships';
import type { RegisterRoutes } from '../app-context';
import { HttpError } from '../errors';
import { openRunEventStream, sharedRunLoader } from '../events/run-event-stream';
import { accessOf } from '../plugins/access';
import { errorResponses, idParam } from '../schemas/common';
import { operationsPortsOf } from '../operations-ports';

// Live updates of a tenant's runs (SPEC §4). Changes arrive through the run change feed (LISTEN/NOTIFY),
// so a run changed by a worker in another process reaches this browser too; no page ever polls. When the
// feed may have missed changes, the stream says `resync` and the page re-reads.
export const registerTenantEventRoutes: RegisterRoutes = (app, ctx) => {
  const { db } = ctx;
  const loadRun = sharedRunLoader(db);
  const open = new Set<{ close(): void }>();
  // Server-sent-event connections never go idle; end them so closing the server does not wait for browsers.
  app.addHook('preClose', async () => {
    for (const stream of open) stream.close();
  });

  app.get('/api/tenants/:tenant_id/events', {
    config: { access: { scope: 'tenant', capability: 'view' } },
    schema: {
      tags: ['operations'],
      summary: 'Server-sent events: a message whenever a run of the tenant changes',
      description:
        'text/event-stream. `event: run` with data `{"run": run}` on every change of a run of this tenant; ' +
        '`event: resync` with data `{}` when the server may have missed changes (its database listener reconnected) — ' +
        'the client must re-read the tenant\'s runs, KPIs and lists; a comment line every 25 s.',
      params: z.object({ tenant_id: idParam }),
      response: { ...errorResponses, 503: errorResponses[409] },
    },
    handler: async (request, reply) => {
      const feed = operationsPortsOf(ctx).feed;
      if (!feed) throw new HttpError(503, 'events.unavailable', 'Live updates are not available on this server; reload to see changes.');
      const { scopeId: tenantId, workspaceId } = accessOf(request);
      const viewerId = request.viewer?.id;
      reply.hijack();
      const stream = openRunEventStream({
        db,
        feed,
        tenantId,
        response: reply.raw,
        loadRun,
        stillAllowed: async () => viewerId !== undefined && (await findMembershipRole(db, workspaceId, viewerId)) !== undefined,
        onError: (error) => request.log.warn({ err: error }, 'run event stream failed to send a change'),
      });
      open.add(stream);
      reply.raw.on('close', () => open.delete(stream));
    },
  });
};
