import { z } from 'zod';
import { findProviderConnection, type ProviderConnectionRow } from '../../db/queries/provider-connections';
import type { OnboardingFacts } from '../../domain/onboarding';
import { loadOnboardingFacts } from '../../use-cases/tenants/onboarding-facts';
import { saveTenantProviderConnection } from '../../use-cases/tenants/save-provider-connection';
import { startOperation } from '../../use-cases/operations/start-operation';
import type { RegisterRoutes } from '../app-context';
import { auditContextOf } from '../audit-context';
import { accessOf } from '../plugins/access';
import { errorResponses, idParam } from '../schemas/common';
import { startedRunSchema } from '../schemas/operations';
import { providerConnectionSchema, saveProviderConnectionBody } from '../schemas/provider-connection';
import { operationsPortsOf } from '../operations-ports';
import { startOperationReply } from '../start-operation-reply';

// The tenant's app registration for Graph (SPEC §1, §4). The secret is encrypted before it is stored and
// no response carries it back; verifying starts a provider.verify run like any other operation.
export const registerProviderConnectionRoutes: RegisterRoutes = (app, ctx) => {
  const { db, keys } = ctx;
  const params = z.object({ tenant_id: idParam });

  app.get('/api/tenants/:tenant_id/provider-connection', {
    config: { access: { scope: 'tenant', capability: 'view' } },
    schema: {
      tags: ['provider connection'],
      summary: 'Read the provider connection (without its secret)',
      params,
      response: { 200: z.object({ connection: providerConnectionSchema.nullable() }), ...errorResponses },
    },
    handler: async (request) => {
      const tenantId = accessOf(request).scopeId;
      const [row, facts] = await Promise.all([findProviderConnection(db, tenantId), loadOnboardingFacts(db, tenantId)]);
      return { connection: row ? presentConnection(row, facts) : null };
    },
  });

  app.put('/api/tenants/:tenant_id/provider-connection', {
    config: { access: { scope: 'tenant', capability: 'manage_provider_connections' } },
    schema: {
      tags: ['provider connection'],
      summary: 'Save the provider connection (client id, secret, Entra tenant id)',
      params,
      body: saveProviderConnectionBody,
      response: { 200: z.object({ connection: providerConnectionSchema }), ...errorResponses },
    },
    handler: async (request) => {
      const { client_id, client_secret, entra_tenant_id } = request.body;
      const row = await saveTenantProviderConnection(db, keys.encryptionKey, {
        tenantId: accessOf(request).scopeId,
        clientId: client_id,
        clientSecret: client_secret,
        entraTenantId: entra_tenant_id ?? null,
      }, auditContextOf(request));
      return { connection: presentConnection(row, await loadOnboardingFacts(db, accessOf(request).scopeId)) };
    },
  });

  app.post('/api/tenants/:tenant_id/provider-connection/verify', {
    config: { access: { scope: 'tenant', capability: 'start_operations' } },
    schema: {
      tags: ['provider connection'],
      summary: 'Verify the provider connection (starts a provider.verify run)',
      description: 'Answers 202 with the run; while one is queued or running, the same run with reused: true. 409 unless the tenant is active or onboarding (verifying is how onboarding completes).',
      params,
      response: { 202: startedRunSchema, ...errorResponses, 503: errorResponses[409] },
    },
    handler: async (request, reply) => {
      const result = await startOperation(
        { db, queue: operationsPortsOf(ctx).queue },
        { tenantId: accessOf(request).scopeId, type: 'provider.verify', audit: auditContextOf(request) },
      );
      return startOperationReply(reply, result);
    },
  });
};

function presentConnection(row: ProviderConnectionRow, facts: OnboardingFacts) {
  const latest = facts.latestVerification;
  return {
    client_id: row.client_id ?? '',
    entra_tenant_id: row.entra_tenant_id,
    has_secret: Boolean(row.client_secret),
    updated_at: row.updated_at.toISOString(),
    // The card shows the last verification where the user verifies: outcome, time, reason, link to its run.
    last_verification: latest && {
      run_id: latest.run_id,
      status: latest.status,
      outcome: latest.outcome,
      created_at: latest.created_at.toISOString(),
      completed_at: latest.completed_at?.toISOString() ?? null,
      failure: latest.failure,
      after_last_save: latest.after_last_save,
    },
  };
}
