import { z } from 'zod';
import { findRunById } from '../../db/queries/operation-runs';
import { findTenantById } from '../../db/queries/tenants';
import { buildReferencedTenantContext } from '../../domain/lifecycle';
import { cancelOperation } from '../../use-cases/operations/cancel-operation';
import type { RegisterRoutes } from '../app-context';
import { auditContextOf } from '../audit-context';
import { conflict } from '../errors';
import { accessOf } from '../plugins/access';
import { presentRun } from '../presenters/operation-run';
import { errorResponses, idParam } from '../schemas/common';
import { runSchema, runViewSchema } from '../schemas/operations';

// The canonical run viewer and cancelling a run (SPEC §4). Both are run-scoped: the access hook resolves
// the run's workspace and decides before anything here reads the run or its tenant.
export const registerOperationRunRoutes: RegisterRoutes = (app, { db }) => {
  app.get('/api/operations/:run_id', {
    config: { access: { scope: 'run', capability: 'view' } },
    schema: {
      tags: ['operations'],
      summary: 'Read one run with its referenced tenant (canonical run viewer)',
      params: z.object({ run_id: idParam }),
      response: { 200: runViewSchema, ...errorResponses },
    },
    handler: async (request) => {
      const run = await findRunById(db, accessOf(request).scopeId);
      if (!run) throw new Error('run vanished after access was granted');
      // Built only now, after the access hook granted the viewer this run (seed 002 §4).
      const tenant = run.tenant_id === null ? null : ((await findTenantById(db, run.tenant_id)) ?? null);
      return {
        run: presentRun(run),
        referenced_tenant: buildReferencedTenantContext(tenant && { id: tenant.id, name: tenant.name, status: tenant.status }, 'operation_run', { outcome: run.outcome }),
      };
    },
  });

  app.post('/api/operations/:run_id/cancel', {
    config: { access: { scope: 'run', capability: 'cancel_operations' } },
    schema: {
      tags: ['operations'],
      summary: 'Cancel a queued or running run',
      description: 'The run is completed as cancelled at once and its worker stops; a completed run answers 409.',
      params: z.object({ run_id: idParam }),
      response: { 200: z.object({ run: runSchema }), ...errorResponses },
    },
    handler: async (request) => {
      const result = await cancelOperation(db, accessOf(request).scopeId, auditContextOf(request));
      if (!result.ok) throw conflict('operation.not_active', result.message);
      return { run: presentRun(result.run) };
    },
  });
};
