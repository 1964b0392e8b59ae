import { z } from 'zod';
import { listTenantsWithCounts } from '../../db/queries/tenant-listing';
import { findTenantById } from '../../db/queries/tenants';
import { createTenant } from '../../use-cases/tenants/create-tenant';
import { onboardingProgress } from '../../domain/onboarding';
import { changeTenantLifecycle } from '../../use-cases/tenants/change-tenant-lifecycle';
import { loadOnboardingFacts } from '../../use-cases/tenants/onboarding-facts';
import type { RegisterRoutes } from '../app-context';
import { auditContextOf } from '../audit-context';
import { decodeTenantCursor, encodeTenantCursor } from '../cursors/tenant-cursor';
import { badRequest, conflict, HttpError } from '../errors';
import { accessOf } from '../plugins/access';
import { presentTenant } from '../presenters/tenant';
import { errorResponses, idParam } from '../schemas/common';
import { createTenantBody, lifecycleActionBody, tenantListQuery, tenantListSchema, tenantSchema } from '../schemas/tenant';

export const registerTenantRoutes: RegisterRoutes = (app, { db }) => {
  app.get('/api/workspaces/:workspace_id/tenants', {
    config: { access: { scope: 'workspace', capability: 'view' } },
    schema: {
      tags: ['tenants'],
      summary: 'List the tenants of a workspace, a page at a time',
      description:
        'Ordered by name, then id; keyset-paginated (pass next_cursor as cursor; default 50 per page, at most 100). q searches name, domain and ' +
        'Entra tenant id; status filters by lifecycle. status_counts count the tenants matching q per lifecycle filter value (all five, zeros ' +
        'included), whatever the status filter: each chip shows what choosing it would list.',
      params: z.object({ workspace_id: idParam }),
      querystring: tenantListQuery,
      response: { 200: tenantListSchema, ...errorResponses },
    },
    handler: async (request) => {
      const { workspaceId, role } = accessOf(request);
      const { q, status, limit } = request.query;
      const cursor = request.query.cursor === undefined ? undefined : decodeTenantCursor(request.query.cursor);
      if (cursor === null) throw badRequest('cursor', 'cursor: not a cursor this list handed out; start again without it');
      const search = q === undefined || q === '' ? undefined : q;
      const page = await listTenantsWithCounts(db, { workspaceId, q: search, status, cursor, limit });
      return {
        tenants: page.tenants.map((row) => presentTenant(row, role)),
        next_cursor: page.next ? encodeTenantCursor(page.next) : null,
        status_counts: page.statusCounts,
      };
    },
  });

  app.post('/api/workspaces/:workspace_id/tenants', {
    config: { access: { scope: 'workspace', capability: 'manage_tenants' } },
    schema: {
      tags: ['tenants'],
      summary: 'Create a tenant (as draft)',
      params: z.object({ workspace_id: idParam }),
      body: createTenantBody,
      response: { 201: z.object({ tenant: tenantSchema }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const { workspaceId, role } = accessOf(request);
      const { name, domain, entra_tenant_id } = request.body;
      const result = await createTenant(db, { workspaceId, name, domain: domain || null, entraTenantId: entra_tenant_id ?? null }, auditContextOf(request));
      if (!result.ok) throw new HttpError(409, result.code, result.message, result.field);
      return reply.status(201).send({ tenant: presentTenant(result.tenant, role) });
    },
  });

  app.get('/api/tenants/:tenant_id', {
    config: { access: { scope: 'tenant', capability: 'view' } },
    schema: {
      tags: ['tenants'],
      summary: 'Read a tenant',
      params: z.object({ tenant_id: idParam }),
      response: { 200: z.object({ tenant: tenantSchema }), ...errorResponses },
    },
    handler: async (request) => {
      const { scopeId, role } = accessOf(request);
      const row = await findTenantById(db, scopeId);
      if (!row) throw new Error('tenant vanished after access was granted');
      return { tenant: presentTenant(row, role, onboardingProgress(await loadOnboardingFacts(db, scopeId))) };
    },
  });

  app.post('/api/tenants/:tenant_id/lifecycle', {
    config: { access: { scope: 'tenant', capability: 'manage_tenants' } },
    schema: {
      tags: ['tenants'],
      summary: 'Apply a lifecycle transition',
      description: 'Allowed: draft→onboarding (start_onboarding), onboarding→active (complete_onboarding), onboarding→draft (cancel_onboarding), active→archived (archive), archived→active (restore). Anything else is 409.',
      params: z.object({ tenant_id: idParam }),
      body: lifecycleActionBody,
      response: { 200: z.object({ tenant: tenantSchema }), ...errorResponses },
    },
    handler: async (request) => {
      const { scopeId, role } = accessOf(request);
      const result = await changeTenantLifecycle(db, scopeId, request.body.action, auditContextOf(request));
      if (!result.ok) throw conflict(result.code, result.message);
      return { tenant: presentTenant(result.tenant, role, onboardingProgress(await loadOnboardingFacts(db, scopeId))) };
    },
  });
};
