// /_sim/...: control of a running simulator from another process (the demo, e2e tests).
//   GET    /_sim/tenants                      tenants without their secrets, with policy counts
//   POST   /_sim/tenants/{id}/faults          JSON FaultSpec; 200 with the stored fault
//   DELETE /_sim/tenants/{id}/faults          clears that tenant's fault
//   DELETE /_sim/faults                       clears every fault
//   GET    /_sim/tenants/{id}/policies?resource=R             the policies of one collection, as stored
//   POST   /_sim/tenants/{id}/policies   {resource, policy}     adds a policy (201)
//   PATCH  /_sim/tenants/{id}/policies   {resource, id, setting: {definition_id, value}} | {resource, id, patch: [RFC 6902]}
//                                                              changes one setting, or anything by JSON patch
//   DELETE /_sim/tenants/{id}/policies?resource=R&id=P         deletes a policy (204)
//          (PATCH also takes {resource, id, child: {path: ['definitionValues', V, 'presentationValues', P], patch: {…}}})
//   GET    /_sim/tenants/{id}/settings         granted permissions (null: all), Intune licence, volatile changes, CA rate limit
//   PUT    /_sim/tenants/{id}/settings         changes any of them: {granted_permissions?, intune_licensed?, volatile_changes?, conditional_access_rate_limit?}
//   GET    /_sim/tenants/{id}/groups           the tenant's Entra groups
//   PATCH  /_sim/tenants/{id}/groups           {id, patch: {displayName: …}} renames a group
//   POST   /_sim/tenants/{id}/enrollment-priority  {id, priority}: reorders enrollment configurations as Intune does
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerJson, answerSimError, describeIssues, readBody, sendEmpty } from './http-io';
import { findTenant, type SimContext } from './sim-context';
import { faultSpecSchema } from './sim-faults';
import { handlePolicyAdmin } from './handle-policy-admin';
import { z } from 'zod';
import { configureTenant, reorderEnrollmentConfiguration, tenantSettings, updateGroup } from './tenant-mutations';

const settingsBody = z.strictObject({
  granted_permissions: z.array(z.string().min(1)).nullable().optional(),
  intune_licensed: z.boolean().optional(),
  volatile_changes: z.boolean().optional(),
  conditional_access_rate_limit: z.boolean().optional(),
});
const groupBody = z.object({ id: z.string().min(1), patch: z.record(z.string(), z.unknown()) });
const priorityBody = z.object({ id: z.string().min(1), priority: z.number().int().min(1) });

async function jsonOf(request: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readBody(request));
  } catch {
    return undefined;
  }
}

export async function handleAdminRequest(
  context: SimContext,
  request: IncomingMessage,
  response: ServerResponse,
  segments: string[],
): Promise<number> {
  const [, collection, tenantId, child] = segments;
  const method = request.method ?? 'GET';

  if (collection === 'faults' && tenantId === undefined && method === 'DELETE') {
    context.faults.clear();
    sendEmpty(response, 204);
    return 204;
  }
  if (collection === 'tenants' && tenantId === undefined && method === 'GET') {
    return answerJson(response, 200, { tenants: context.tenants.map(describeTenant) });
  }
  if (collection === 'tenants' && tenantId !== undefined && child === 'faults') {
    const tenant = findTenant(context, tenantId);
    if (!tenant) return answerSimError(response, 404, `Unknown tenant ${tenantId}.`);
    if (method === 'DELETE') {
      context.faults.clear(tenant.entra_tenant_id);
      sendEmpty(response, 204);
      return 204;
    }
    if (method === 'POST') {
      let body: unknown;
      try {
        body = JSON.parse(await readBody(request));
      } catch {
        return answerSimError(response, 400, 'The body must be a JSON fault, e.g. {"kind":"throttle","count":2}.');
      }
      const parsed = faultSpecSchema.safeParse(body);
      if (!parsed.success) return answerSimError(response, 400, `Invalid fault: ${describeIssues(parsed.error.issues)}`);
      return answerJson(response, 200, { fault: context.faults.set(tenant.entra_tenant_id, parsed.data) });
    }
  }
  if (collection === 'tenants' && tenantId !== undefined && (child === 'settings' || child === 'groups' || child === 'enrollment-priority')) {
    const tenant = findTenant(context, tenantId);
    if (!tenant) return answerSimError(response, 404, `Unknown tenant ${tenantId}.`);
    try {
      if (child === 'settings' && method === 'GET') return answerJson(response, 200, { settings: tenantSettings(tenant) });
      if (child === 'settings' && method === 'PUT') {
        const parsed = settingsBody.safeParse(await jsonOf(request));
        if (!parsed.success) return answerSimError(response, 400, `Invalid settings: ${describeIssues(parsed.error.issues)}`);
        return answerJson(response, 200, { settings: configureTenant(tenant, parsed.data) });
      }
      if (child === 'groups' && method === 'GET') return answerJson(response, 200, { groups: tenant.groups ?? [] });
      if (child === 'groups' && method === 'PATCH') {
        const parsed = groupBody.safeParse(await jsonOf(request));
        if (!parsed.success) return answerSimError(response, 400, 'Send {id, patch: {displayName: …}}.');
        return answerJson(response, 200, { group: updateGroup(tenant, parsed.data.id, parsed.data.patch) });
      }
      if (child === 'enrollment-priority' && method === 'POST') {
        const parsed = priorityBody.safeParse(await jsonOf(request));
        if (!parsed.success) return answerSimError(response, 400, 'Send {id, priority}.');
        return answerJson(response, 200, { configurations: reorderEnrollmentConfiguration(tenant, parsed.data.id, parsed.data.priority) });
      }
    } catch (error) {
      return answerSimError(response, 400, error instanceof Error ? error.message : String(error));
    }
    return answerSimError(response, 405, `${method} is not supported here.`);
  }
  if (collection === 'tenants' && tenantId !== undefined && child === 'policies') {
    const tenant = findTenant(context, tenantId);
    if (!tenant) return answerSimError(response, 404, `Unknown tenant ${tenantId}.`);
    return handlePolicyAdmin(tenant, request, response);
  }
  return answerSimError(response, 404, 'Unknown simulator admin route.');
}

function describeTenant(tenant: SimContext['tenants'][number]): object {
  return {
    entra_tenant_id: tenant.entra_tenant_id,
    display_name: tenant.display_name,
    verified_domain: tenant.verified_domain,
    client_id: tenant.client_id,
    policy_counts: Object.fromEntries(Object.entries(tenant.policies).map(([resource, items]) => [resource, items.length])),
    settings: tenantSettings(tenant),
  };
}

