// GET /{v1.0|beta}/...: the organization and every collection of the policy-type registry, with
// paging, single entities and configuration-policy settings. Beta serves every collection; v1.0 only
// those the registry reads from v1.0, so a client calling a beta-only Intune endpoint under v1.0 fails
// here the way it would against Graph.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { policyTypes } from '../domain/inventory/policy-types';
import { answerFault, graphError } from './answer-fault';
import { collectionPage } from './collection-page';
import { sendJson } from './http-io';
import type { SimContext } from './sim-context';
import type { FaultKind } from './sim-faults';
import type { SimTenant } from './sim-types';

export const graphVersions = ['v1.0', 'beta'] as const;

const configurationPolicies = 'deviceManagement/configurationPolicies';

function resourcesFor(version: string): string[] {
  const entries = version === 'beta' ? policyTypes : policyTypes.filter((entry) => entry.api_version === version);
  return [...new Set(entries.map((entry) => entry.graph_resource))];
}

export interface GraphRequestRecord {
  entraTenantId: string | null;
  status: number;
  fault: FaultKind | null;
}

export async function handleGraphRequest(
  context: SimContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<GraphRequestRecord> {
  const tenant = authenticate(context, request);
  if (typeof tenant === 'string') {
    sendJson(response, 401, graphError('InvalidAuthenticationToken', tenant));
    return { entraTenantId: null, status: 401, fault: null };
  }
  const id = tenant.entra_tenant_id;
  context.stats.enter(id);
  try {
    const [version = '', ...rest] = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const path = rest.join('/');
    const fault = context.faults.take(id, 'graph', path);
    if (fault) {
      const answered = await answerFault(context, response, fault);
      if (answered !== null) return { entraTenantId: id, status: answered, fault: fault.kind };
    }
    const status = request.method === 'GET' ? answer(context, tenant, response, url, version, rest) : methodNotAllowed(response);
    return { entraTenantId: id, status, fault: fault?.kind ?? null };
  } finally {
    context.stats.leave(id);
  }
}

function authenticate(context: SimContext, request: IncomingMessage): SimTenant | string {
  const match = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '');
  if (!match?.[1]) return 'Access token is empty.';
  const resolved = context.tokens.resolve(match[1]);
  if (resolved === null) return 'Access token validation failure. Invalid audience.';
  if (resolved === 'expired') return 'Lifetime validation failed, the token is expired.';
  const tenant = context.tenants.find((candidate) => candidate.entra_tenant_id === resolved);
  return tenant ?? 'Access token validation failure: the tenant no longer exists.';
}

function answer(
  context: SimContext,
  tenant: SimTenant,
  response: ServerResponse,
  url: URL,
  version: string,
  segments: string[],
): number {
  const path = segments.join('/');
  const origin = `http://${url.host}`;
  if (path === 'organization') return sendOk(response, organization(tenant, `${origin}/${version}`));

  const resource = resourcesFor(version).find((candidate) => path === candidate || path.startsWith(`${candidate}/`));
  if (!resource) {
    const segment = segments.at(-1) ?? version;
    return sendError(response, 400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
  }
  const items = tenant.policies[resource] ?? [];
  const [entityId, child, ...more] = path.slice(resource.length + 1).split('/').filter(Boolean);
  const page = (collectionPath: string, list: readonly unknown[]) => {
    const result = collectionPage(list, { origin, version, collectionPath, search: url.searchParams, defaultPageSize: context.pageSize });
    return result.ok ? sendOk(response, result.body) : sendError(response, 400, 'BadRequest', result.message);
  };

  if (entityId === undefined) return page(resource, items);
  const entity = items.find((item) => item.id === entityId);
  if (!entity) return sendError(response, 404, 'ResourceNotFound', `Resource '${entityId}' does not exist.`);
  if (child === undefined) {
    return sendOk(response, { '@odata.context': `${origin}/${version}/$metadata#${resource}/$entity`, ...structuredClone(entity) });
  }
  if (resource === configurationPolicies && child === 'settings' && more.length === 0) {
    const settings = Array.isArray(entity['settings']) ? entity['settings'] : [];
    return page(`${resource}/${encodeURIComponent(entityId)}/settings`, settings);
  }
  return sendError(response, 400, 'BadRequest', `Resource not found for the segment '${child}'.`);
}

function organization(tenant: SimTenant, base: string): object {
  return {
    '@odata.context': `${base}/$metadata#organization`,
    value: [
      {
        id: tenant.entra_tenant_id,
        displayName: tenant.display_name,
        tenantType: 'AAD',
        verifiedDomains: [
          { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: true, name: tenant.verified_domain, type: 'Managed' },
        ],
      },
    ],
  };
}

function sendOk(response: ServerResponse, body: object): number {
  sendJson(response, 200, body);
  return 200;
}

function sendError(response: ServerResponse, status: number, code: string, message: string): number {
  sendJson(response, status, graphError(code, message));
  return status;
}

function methodNotAllowed(response: ServerResponse): number {
  return sendError(response, 405, 'Request_BadRequest', 'The simulator serves read requests only.');
}
