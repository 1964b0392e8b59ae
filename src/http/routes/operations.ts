import { z } from 'zod';
import { operationsKpis, runTabCounts } from '../../db/queries/operation-run-kpis';
import { listRuns } from '../../db/queries/operation-run-listing';
import { operationRunTypes } from '../../domain/operations';
import type { RegisterRoutes } from '../app-context';
import { accessOf } from '../plugins/access';
import { presentRun } from '../presenters/operation-run';
import { createdAtCursorParam, encodeCreatedAtCursor } from '../cursors/created-at-cursor';
import { errorResponses, idParam } from '../schemas/common';
import { operationKpisSchema, operationTypesSchema, runListQuery, runListSchema } from '../schemas/operations';

// The operations index of a tenant (SPEC §3, §4): KPIs, the paged list with tab counts, and the types.
// Everything is read from the database; nothing here calls Graph.
export const registerOperationsRoutes: RegisterRoutes = (app, { db }) => {
  app.get('/api/tenants/:tenant_id/operations/kpis', {
    config: { access: { scope: 'tenant', capability: 'view' } },
    schema: {
      tags: ['operations'],
      summary: 'Operations KPIs of a tenant',
      description: 'total_runs_30d, active_runs, failed_or_partial_7d and avg_duration_seconds_7d (null when no run qualifies), evaluated at request time.',
      params: z.object({ tenant_id: idParam }),
      response: { 200: operationKpisSchema, ...errorResponses },
    },
    handler: async (request) => operationsKpis(db, accessOf(request).scopeId, new Date()),
  });

  app.get('/api/tenants/:tenant_id/operations', {
    config: { access: { scope: 'tenant', capability: 'view' } },
    schema: {
      tags: ['operations'],
      summary: 'List the runs of a tenant, newest first',
      description:
        'Keyset-paginated (pass next_cursor as cursor). tab: all, active (queued or running), succeeded, partial, failed. ' +
        'tab_counts count the runs in each tab (all time), within the type filter when one is given; ' +
        'all_types_total counts every run of the tenant whatever the filter, so an empty filtered list can say so truthfully.',
      params: z.object({ tenant_id: idParam }),
      querystring: runListQuery,
      response: { 200: runListSchema, ...errorResponses },
    },
    handler: async (request) => {
      const tenantId = accessOf(request).scopeId;
      const { tab, type, limit } = request.query;
      const cursor = createdAtCursorParam(request.query.cursor);
      const [page, tab_counts, unfiltered] = await Promise.all([
        listRuns(db, { tenantId, tab, type, cursor, limit }),
        runTabCounts(db, tenantId, type),
        type === undefined ? null : runTabCounts(db, tenantId),
      ]);
      return {
        runs: page.runs.map(presentRun),
        next_cursor: page.next ? encodeCreatedAtCursor(page.next) : null,
        tab_counts,
        all_types_total: unfiltered?.all ?? tab_counts.all,
      };
    },
  });

  app.get('/api/operation-types', {
    config: { access: { scope: 'authenticated' } },
    schema: {
      tags: ['operations'],
      summary: 'The run types and their labels',
      response: { 200: operationTypesSchema, ...errorResponses },
    },
    handler: async () => ({ types: operationRunTypes.map(({ type, label }) => ({ type, label })) }),
  });
};
