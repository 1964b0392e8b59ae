// /_sim/tenants/{id}/policies: make drift happen from another process (browser tests, the demo) by adding,
// changing and deleting a simulated tenant's policies (see handle-admin.ts for the routes).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { answerJson, answerSimError, describeIssues, readBody, sendEmpty } from './http-io';
import { entitySet, storeOf } from './graph-catalog';
import type { SimTenant } from './sim-types';
import { addPolicy, changeSetting, patchPolicy, removePolicy, updateChild } from './tenant-mutations';

const addBody = z.object({ resource: z.string().min(1), policy: z.looseObject({ id: z.string().min(1) }) });
const changeBody = z.union([
  z.object({ resource: z.string().min(1), id: z.string().min(1), setting: z.object({ definition_id: z.string().min(1), value: z.unknown() }) }),
  z.object({ resource: z.string().min(1), id: z.string().min(1), patch: z.array(z.looseObject({ op: z.string(), path: z.string() })).min(1) }),
  // One element of a child collection, by ids: {child: {path: ['definitionValues', valueId, 'presentationValues', id], patch: {value: '…'}}}.
  z.object({
    resource: z.string().min(1),
    id: z.string().min(1),
    child: z.object({ path: z.array(z.string().min(1)).min(2), patch: z.record(z.string(), z.unknown()) }),
  }),
]);

export async function handlePolicyAdmin(tenant: SimTenant, request: IncomingMessage, response: ServerResponse): Promise<number> {
  const url = new URL(request.url ?? '/', 'http://graph-sim');
  const method = request.method ?? 'GET';
  try {
    if (method === 'GET') {
      const resource = url.searchParams.get('resource');
      if (!resource) return answerSimError(response, 400, 'resource: name a collection, e.g. deviceManagement/configurationPolicies.');
      return answerJson(response, 200, { policies: tenant.policies[storeOf(resource)]?.filter((policy) => {
        const view = entitySet(resource)?.viewOf;
        return !view || policy['@odata.type'] === view.odataType;
      }) ?? [] });
    }
    if (method === 'DELETE') {
      const resource = url.searchParams.get('resource');
      const id = url.searchParams.get('id');
      if (!resource || !id) return answerSimError(response, 400, 'resource and id are required query parameters.');
      if (!removePolicy(tenant, resource, id)) return answerSimError(response, 404, `${resource} has no ${id}.`);
      sendEmpty(response, 204);
      return 204;
    }
    const body = await jsonBody(request);
    if (method === 'POST') {
      const parsed = addBody.safeParse(body);
      if (!parsed.success) return answerSimError(response, 400, `Invalid policy: ${describeIssues(parsed.error.issues)}`);
      return answerJson(response, 201, { policy: addPolicy(tenant, parsed.data.resource, parsed.data.policy) });
    }
    if (method === 'PATCH') {
      const parsed = changeBody.safeParse(body);
      if (!parsed.success) {
        return answerSimError(response, 400, 'Send {resource, id, setting: {definition_id, value}}, {resource, id, patch: [JSON patch operations]} or {resource, id, child: {path, patch}}.');
      }
      const change = parsed.data;
      const policy =
        'setting' in change
          ? changeSetting(tenant, change.resource, change.id, change.setting.definition_id, change.setting.value)
          : 'child' in change
            ? updateChild(tenant, change.resource, change.id, change.child.path, change.child.patch)
            : patchPolicy(tenant, change.resource, change.id, change.patch as never);
      return answerJson(response, 200, { policy });
    }
    return answerSimError(response, 405, `${method} is not supported here.`);
  } catch (error) {
    // Unknown policies, settings and invalid patches are the caller's mistake, said plainly.
    return answerSimError(response, 400, error instanceof Error ? error.message : String(error));
  }
}

async function jsonBody(request: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readBody(request));
  } catch {
    throw new Error('The body must be JSON.');
  }
}

