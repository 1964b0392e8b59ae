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
import { childrenOf, invalidExpand, navigationPropertiesOf, parseExpand, presentDefinitionValue, presentEntity, type NavigationProperty } from './navigation-properties';
import type { SimEntity, SimTenant } from './sim-types';

export const graphVersions = ['v1.0', 'beta'] as const;

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
  const expand = parseExpand(url.searchParams.get('$expand'));
  if (typeof expand === 'string') return sendError(response, 400, 'BadRequest', expand);
  const page = <T,>(collectionPath: string, list: readonly T[], present?: (item: T) => unknown) => {
    const result = collectionPage(list, { origin, version, collectionPath, search: url.searchParams, defaultPageSize: context.pageSize, maxPageSize: context.maxPageSize }, present);
    return result.ok ? sendOk(response, result.body) : sendError(response, 400, 'BadRequest', result.message);
  };

  if (entityId === undefined || child === undefined) {
    const invalid = invalidExpand(resource, expand, entityTypeOf(items[0]));
    if (invalid) return sendError(response, 400, 'BadRequest', invalid);
  }
  if (entityId === undefined) return page(resource, items, (item) => presentEntity(item, expand));
  const entity = items.find((item) => item.id === entityId);
  if (!entity) return sendError(response, 404, 'ResourceNotFound', `Resource '${entityId}' does not exist.`);
  if (child === undefined) {
    return sendOk(response, { '@odata.context': `${origin}/${version}/$metadata#${resource}/$entity`, ...presentEntity(entity, expand) });
  }
  const childPath = `${resource}/${encodeURIComponent(entityId)}/${child}`;
  if (more.length === 0 && (navigationPropertiesOf(resource) as string[]).includes(child)) {
    const children = childrenOf(entity, child as NavigationProperty);
    if (child === 'definitionValues') return page(childPath, children, (value) => structuredClone(presentDefinitionValue(value, expand)));
    if (child === 'scheduledActionsForRule') return page(childPath, children, (rule) => presentEntity({ id: String(rule['id'] ?? ''), ...rule }, new Map()));
    return page(childPath, children);
  }
  return sendError(response, 400, 'BadRequest', `Resource not found for the segment '${child}'.`);
}

function entityTypeOf(entity: SimEntity | undefined): string {
  const odataType = entity?.['@odata.type'];
  return typeof odataType === 'string' ? odataType.replace(/^#/, '') : 'microsoft.graph.entity';
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
