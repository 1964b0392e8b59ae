// GET /{v1.0|beta}/...: the organization, groups, setting definitions and every entity set of graph-sim's catalog
// (graph-catalog.ts) with paging, single entities, navigation properties and child collections, each under the API
// versions Graph serves it in (Intune's deviceManagement/deviceAppManagement sets: beta only, so a client calling them
// under v1.0 fails here the way it would against Graph).
//
// Every request is checked in Graph's order: the token (401), injected faults, Conditional Access's rate limit, the
// path (400 "Resource not found for the segment …"), the permission (403 in the words of the service), the Intune
// licence, then the answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerFault } from './answer-fault';
import { collectionPage } from './collection-page';
import { entitySetForPath, navigationOf, settingDefinitionPermissions, settingDefinitionSets, storeOf, type EntitySetSpec } from './graph-catalog';
import { graphError, intuneForbidden } from './graph-error-bodies';
import { answerDirectory, hasAnyPermission } from './handle-directory';
import { sendJson } from './http-io';
import { applySelect, childrenOf, invalidExpand, parseExpand, parseSelect, presentChild, presentEntity, type ExpandRequest } from './navigation-properties';
import { findDefinition } from './setting-definitions';
import type { SimContext } from './sim-context';
import type { FaultKind } from './sim-faults';
import type { SimEntity, SimTenant } from './sim-types';
import { applyVolatile, applyVolatileChild, type VolatileContext } from './volatile-fields';

export const graphVersions = ['v1.0', 'beta'] as const;

export interface GraphRequestRecord {
  entraTenantId: string | null;
  status: number;
  fault: FaultKind | null;
}

/** Child collections page at 25 items whatever `$top` asks (as Intune pages settings, definition values, assignments …). */
export const childPageSize = 25;

const conditionalAccessPrefix = 'identity/conditionalAccess';

export async function handleGraphRequest(
  context: SimContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<GraphRequestRecord> {
  const tenant = authenticatedTenant(context, request, response);
  if (tenant === null) return unauthenticated;
  const id = tenant.entra_tenant_id;
  context.stats.enter(id);
  try {
    const [version = '', ...rest] = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const path = rest.join('/');
    const fault = context.faults.take(id, 'graph', path);
    if (fault) {
      const answered = await answerFault(context, response, fault, path);
      if (answered !== null) return { entraTenantId: id, status: answered, fault: fault.kind };
    }
    if (path.startsWith(conditionalAccessPrefix) && conditionalAccessThrottled(context, tenant)) {
      // Conditional Access allows one request per second per tenant; faster ones get 429 "Too many requests." without
      // Retry-After (issue 19; hashicorp/terraform-provider-azuread#1784 "the graph api only allows 1 request per
      // second"; body as quoted in almenscorner/IntuneCD#64).
      sendJson(response, 429, graphError('TooManyRequests', 'Too many requests.', response));
      return { entraTenantId: id, status: 429, fault: 'throttle' };
    }
    const status = request.method === 'GET' ? answer(context, tenant, response, url, version, rest) : methodNotAllowed(response);
    return { entraTenantId: id, status, fault: fault?.kind ?? null };
  } finally {
    context.stats.leave(id);
  }
}

function conditionalAccessThrottled(context: SimContext, tenant: SimTenant): boolean {
  if (tenant.conditional_access_rate_limit === false) return false;
  const now = context.now();
  const last = context.conditionalAccessLastAllowed.get(tenant.entra_tenant_id);
  if (last !== undefined && now - last < 1000) return true;
  context.conditionalAccessLastAllowed.set(tenant.entra_tenant_id, now);
  return false;
}

/** What a request refused with 401 records. */
export const unauthenticated: GraphRequestRecord = Object.freeze({ entraTenantId: null, status: 401, fault: null });

/**
 * The tenant whose token the request carries; null once a 401 has been answered, as Graph does: status 401 with
 * code `InvalidAuthenticationToken` and the reason in the message ("Access token is empty." for a bare "Bearer",
 * "Access token validation failure…" for a bad one) — Graph's error reference (learn.microsoft.com/graph/errors,
 * 401 Unauthorized) and real answers quoted in microsoftgraph/msgraph-sdk-powershell#2731 and
 * microsoftgraph/msgraph-sdk-dotnet#2181 (empty token), microsoftgraph/microsoft-graph-docs#16208 (bad audience).
 */
export function authenticatedTenant(context: SimContext, request: IncomingMessage, response: ServerResponse): SimTenant | null {
  const tenant = authenticate(context, request);
  if (typeof tenant !== 'string') return tenant;
  sendJson(response, 401, graphError('InvalidAuthenticationToken', tenant, response));
  return null;
}

/** The tenant of the request's bearer token, or the words Graph's 401 gives for a token it refuses. */
function authenticate(context: SimContext, request: IncomingMessage): SimTenant | string {
  const match = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '');
  if (!match?.[1]) return 'Access token is empty.';
  const resolved = context.tokens.resolve(match[1]);
  if (resolved === null) return 'Access token validation failure. Invalid audience.';
  if (resolved === 'expired') return 'Lifetime validation failed, the token is expired.';
  const tenant = context.tenants.find((candidate) => candidate.entra_tenant_id === resolved);
  return tenant ?? 'Access token validation failure: the tenant no longer exists.';
}

function answer(context: SimContext, tenant: SimTenant, response: ServerResponse, url: URL, version: string, segments: string[]): number {
  const directory = answerDirectory(context, tenant, response, url, version, segments);
  if (directory !== null) return directory;

  const path = segments.join('/');
  const definitionSet = settingDefinitionSets.find((candidate) => path === candidate || path.startsWith(`${candidate}/`));
  if (definitionSet) return answerDefinitions(context, tenant, response, url, version, definitionSet, path);

  const set = entitySetForPath(path);
  if (!set || !set.versions.includes(version as never)) return segmentNotFound(response, segments.at(-1) ?? version);
  if (!hasAnyPermission(tenant, set.permissions)) return forbidden(response, set, path);
  if (set.service === 'intune' && tenant.intune_licensed === false) return notLicensed(response);

  const origin = `http://${url.host}`;
  const stored = tenant.policies[storeOf(set.path)] ?? [];
  const items = set.viewOf ? stored.filter((item) => item['@odata.type'] === set.viewOf?.odataType) : stored;
  const [entityId, child, childId, grandChild, ...more] = path.slice(set.path.length + 1).split('/').filter(Boolean);
  const expand = parseExpand(url.searchParams.get('$expand'));
  if (typeof expand === 'string') return badRequest(response, expand);
  const select = parseSelect(url.searchParams.get('$select'));
  const volatile: VolatileContext = { state: context.volatile, tenant, set: set.path, cache: new Map(), firstPage: !url.searchParams.has('$skiptoken') };
  const present = (entity: SimEntity, list: boolean) => {
    const shaped = presentEntity(set, entity, expand, { list, tenant });
    applyVolatile(volatile, entity, shaped);
    return applySelect(shaped, select);
  };

  if (entityId === undefined) {
    const invalid = invalidExpand(set, expand);
    if (invalid) return badRequest(response, invalid);
    const page = collectionPage(items, { origin, version, collectionPath: set.path, search: url.searchParams, defaultPageSize: context.pageSize, maxPageSize: context.maxPageSize },
      (item) => present(item, true));
    return page.ok ? sendOk(response, page.body) : badRequest(response, page.message);
  }
  const entity = items.find((item) => item.id === entityId);
  if (!entity) return notFound(response, set, path, entityId);
  if (child === undefined) {
    const invalid = invalidExpand(set, expand);
    if (invalid) return badRequest(response, invalid);
    return sendOk(response, { '@odata.context': `${origin}/${version}/$metadata#${set.path}/$entity`, ...present(entity, false) });
  }

  const kind = navigationOf(set, entity)[child];
  if (kind === undefined) return segmentNotFound(response, child);
  const childPath = `${set.path}/${encodeURIComponent(entityId)}/${child}`;
  if (kind === 'single') {
    if (childId !== undefined) return segmentNotFound(response, childId);
    const value = entity[child];
    if (typeof value !== 'object' || value === null) return notFound(response, set, path, child);
    return sendOk(response, { '@odata.context': `${origin}/${version}/$metadata#${childPath}/$entity`, ...structuredClone(value) });
  }
  const invalidChild = grandChild === undefined ? invalidChildExpand(child, expand) : null;
  if (invalidChild) return badRequest(response, invalidChild);
  const shapeChild = (name: string) => (element: Record<string, unknown>) => {
    const shaped = presentChild(name, element, expand, tenant);
    applyVolatileChild(volatile, entity, name, shaped);
    return applySelect(shaped, select);
  };
  const children = childrenOf(entity, child);
  if (childId === undefined) return childPage(response, origin, version, childPath, url, children, shapeChild(child));

  const element = children.find((candidate) => String(candidate['id'] ?? '') === childId);
  if (!element) return notFound(response, set, path, childId);
  if (grandChild === undefined) {
    return sendOk(response, { '@odata.context': `${origin}/${version}/$metadata#${childPath}/$entity`, ...shapeChild(child)(element) });
  }
  if (more.length > 0) return segmentNotFound(response, more[0] ?? grandChild);
  // A definition value's own navigation properties (groupPolicyDefinitionValue: definition, presentationValues).
  if (child === 'definitionValues' && grandChild === 'presentationValues') {
    const invalid = invalidChildExpand('presentationValues', expand);
    if (invalid) return badRequest(response, invalid);
    return childPage(response, origin, version, `${childPath}/${encodeURIComponent(childId)}/presentationValues`, url,
      childrenOf(element, 'presentationValues'), shapeChild('presentationValues'));
  }
  if (child === 'definitionValues' && grandChild === 'definition') {
    const definition = element['definition'];
    if (typeof definition !== 'object' || definition === null) return notFound(response, set, path, 'definition');
    return sendOk(response, { '@odata.context': `${origin}/${version}/$metadata#${childPath}/${encodeURIComponent(childId)}/definition/$entity`, ...structuredClone(definition) });
  }
  return segmentNotFound(response, grandChild);
}

// The child collections' entity types and what each lets a client expand (Graph beta metadata: a setting's
// settingDefinitions; a definition value's definition and presentationValues; a presentation value's presentation and
// definitionValue; a compliance rule's scheduledActionConfigurations).
const childTypes: Record<string, { type: string; expandable: readonly string[] }> = {
  settings: { type: 'deviceManagementConfigurationSetting', expandable: ['settingDefinitions'] },
  definitionValues: { type: 'groupPolicyDefinitionValue', expandable: ['definition', 'presentationValues'] },
  presentationValues: { type: 'groupPolicyPresentationValue', expandable: ['presentation', 'definitionValue'] },
  scheduledActionsForRule: { type: 'deviceComplianceScheduledActionForRule', expandable: ['scheduledActionConfigurations'] },
  assignments: { type: 'entity', expandable: [] },
  apps: { type: 'managedMobileApp', expandable: [] },
  driverInventories: { type: 'windowsDriverUpdateInventory', expandable: [] },
};

function invalidChildExpand(child: string, expand: ExpandRequest): string | null {
  const spec = childTypes[child] ?? { type: 'entity', expandable: [] };
  for (const name of expand.keys()) {
    if (!spec.expandable.includes(name)) return `Could not find a property named '${name}' on type 'microsoft.graph.${spec.type}'.`;
  }
  return null;
}

function childPage(
  response: ServerResponse,
  origin: string,
  version: string,
  collectionPath: string,
  url: URL,
  items: Array<Record<string, unknown>>,
  present: (item: Record<string, unknown>) => unknown,
): number {
  // $top is not honoured on child collections: every page has 25 items and an @odata.nextLink while more remain.
  const search = new URLSearchParams(url.searchParams);
  search.delete('$top');
  const page = collectionPage(items, { origin, version, collectionPath, search, defaultPageSize: childPageSize, maxPageSize: childPageSize }, present);
  return page.ok ? sendOk(response, page.body) : badRequest(response, page.message);
}

/** deviceManagement/configurationSettings[/{id}] and complianceSettings[/{id}]: the setting definitions. */
function answerDefinitions(context: SimContext, tenant: SimTenant, response: ServerResponse, url: URL, version: string, setPath: string, path: string): number {
  if (version !== 'beta') return segmentNotFound(response, setPath.split('/')[1] ?? setPath);
  if (!hasAnyPermission(tenant, settingDefinitionPermissions)) {
    sendJson(response, 403, intuneForbidden(path, settingDefinitionPermissions, response));
    return 403;
  }
  if (tenant.intune_licensed === false) return notLicensed(response);
  const origin = `http://${url.host}`;
  const [definitionId, ...more] = path.slice(setPath.length + 1).split('/').filter(Boolean);
  const select = parseSelect(url.searchParams.get('$select'));
  if (definitionId === undefined) {
    const page = collectionPage(tenant.setting_definitions ?? [], { origin, version, collectionPath: setPath, search: url.searchParams, defaultPageSize: context.pageSize, maxPageSize: context.maxPageSize },
      (definition) => applySelect(structuredClone(definition), select));
    return page.ok ? sendOk(response, page.body) : badRequest(response, page.message);
  }
  if (more.length > 0) return segmentNotFound(response, more[0] ?? definitionId);
  const definition = findDefinition(tenant, definitionId);
  if (!definition) {
    sendJson(response, 404, graphError('ResourceNotFound', `Resource '${definitionId}' does not exist.`, response));
    return 404;
  }
  return sendOk(response, { '@odata.context': `${origin}/${version}/$metadata#${setPath}/$entity`, ...applySelect(structuredClone(definition), select) });
}

function forbidden(response: ServerResponse, set: EntitySetSpec, path: string): number {
  if (set.service === 'intune') {
    sendJson(response, 403, intuneForbidden(path, set.permissions, response));
  } else {
    // Conditional Access without Policy.Read.All: AlexFilipin/ConditionalAccess#10, Microsoft365DSC#3556.
    sendJson(response, 403, graphError('AccessDenied', 'You cannot perform the requested operation, required scopes are missing in the token.', response));
  }
  return 403;
}

/**
 * A tenant without an Intune licence: "The Microsoft Graph API for Intune requires an active Intune license for the
 * tenant" (every Intune resource page); Graph then answers 400 BadRequest "Request not applicable to target tenant."
 * (microsoftgraph/msgraph-beta-sdk-go#198), which Microsoft365DSC's Intune resources treat as "The current tenant is
 * not registered for Intune" (their Export-TargetResource catch blocks, PR #3020) and CIPP's Get-NormalizedError as
 * "Required license not available for this tenant".
 */
function notLicensed(response: ServerResponse): number {
  return badRequest(response, 'Request not applicable to target tenant.');
}

function notFound(response: ServerResponse, set: EntitySetSpec, _path: string, id: string): number {
  sendJson(response, 404, graphError('ResourceNotFound', `Resource '${id}' does not exist in ${set.path}.`, response));
  return 404;
}

function segmentNotFound(response: ServerResponse, segment: string): number {
  return badRequest(response, `Resource not found for the segment '${segment}'.`);
}

function badRequest(response: ServerResponse, message: string): number {
  sendJson(response, 400, graphError('BadRequest', message, response));
  return 400;
}

function sendOk(response: ServerResponse, body: object): number {
  sendJson(response, 200, body);
  return 200;
}

function methodNotAllowed(response: ServerResponse): number {
  sendJson(response, 405, graphError('Request_BadRequest', 'The simulator serves read requests only.', response));
  return 405;
}
