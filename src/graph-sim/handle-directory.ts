// The directory part of Graph the product reads: /organization and /groups (v1.0 and beta). A read without one of the
// documented permissions is refused as the directory refuses it: 403 Authorization_RequestDenied "Insufficient
// privileges to complete the operation." (Graph error responses; the directory's own wording, e.g.
// microsoftgraph/msgraph-sdk-powershell issues quoting it for /organization and /groups).
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { collectionPage } from './collection-page';
import { groupPermissions, organizationPermissions } from './graph-catalog';
import { graphError } from './graph-error-bodies';
import { sendJson } from './http-io';
import { applySelect, parseSelect } from './navigation-properties';
import type { SimContext } from './sim-context';
import type { SimEntity, SimTenant } from './sim-types';

export function hasAnyPermission(tenant: SimTenant, permissions: readonly string[]): boolean {
  if (tenant.granted_permissions === undefined) return true;
  const granted = new Set(tenant.granted_permissions.map((permission) => permission.toLowerCase()));
  return permissions.some((permission) => granted.has(permission.toLowerCase()));
}

function denied(response: ServerResponse): number {
  sendJson(response, 403, graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', response));
  return 403;
}

/** The status answered, or null when the path is not a directory path. */
export function answerDirectory(
  context: SimContext,
  tenant: SimTenant,
  response: ServerResponse,
  url: URL,
  version: string,
  segments: string[],
): number | null {
  const [head, second, ...more] = segments;
  const base = `http://${url.host}/${version}`;
  if (head === 'organization' && more.length === 0) {
    // GET /organization: Organization.Read.All, Directory.Read.All, Organization.ReadWrite.All or Directory.ReadWrite.All
    // (learn.microsoft.com/graph/api/organization-get, Application permissions).
    if (!hasAnyPermission(tenant, organizationPermissions)) return denied(response);
    const organization = organizationOf(tenant);
    if (second !== undefined && second !== tenant.entra_tenant_id) return notFound(response, second);
    const select = parseSelect(url.searchParams.get('$select'));
    const body = second === undefined
      ? { '@odata.context': `${base}/$metadata#organization`, value: [applySelect(organization, select)] }
      : { '@odata.context': `${base}/$metadata#organization/$entity`, ...applySelect(organization, select) };
    sendJson(response, 200, body);
    return 200;
  }
  if (head !== 'groups') return null;
  // groups: GroupMember.Read.All, Group.Read.All, Directory.Read.All, Group.ReadWrite.All, Directory.ReadWrite.All
  // (learn.microsoft.com/graph/api/group-get and group-list, Application permissions).
  if (!hasAnyPermission(tenant, groupPermissions)) return denied(response);
  const groups = tenant.groups ?? [];
  const select = parseSelect(url.searchParams.get('$select'));
  if (second === undefined) {
    // Default page 100, at most 999 (group-list).
    const page = collectionPage(groups, { origin: `http://${url.host}`, version, collectionPath: 'groups', search: url.searchParams, defaultPageSize: 100, maxPageSize: 999 },
      (group) => applySelect(structuredClone(group), select));
    if (!page.ok) return badRequest(response, page.message);
    sendJson(response, 200, page.body);
    return 200;
  }
  if (second === 'delta' && more.length === 0) return answerDelta(context, tenant, response, url, base, select);
  if (more.length > 0) return null;
  const group = groups.find((candidate) => candidate.id === second);
  if (!group) return notFound(response, second);
  sendJson(response, 200, { '@odata.context': `${base}/$metadata#groups/$entity`, ...applySelect(structuredClone(group), select) });
  return 200;
}

/**
 * groups/delta (learn.microsoft.com/graph/api/group-delta): the first call answers every group and ends with an
 * `@odata.deltaLink`; calling that link answers only the groups added or changed since (a removed one as
 * `{id, '@removed': {reason: 'changed'}}`) and a new deltaLink. Pages are not split here (demo tenants are small).
 */
function answerDelta(context: SimContext, tenant: SimTenant, response: ServerResponse, url: URL, base: string, select: Set<string> | null): number {
  const groups = tenant.groups ?? [];
  const snapshot = new Map(groups.map((group) => [group.id, JSON.stringify(group)]));
  const token = url.searchParams.get('$deltatoken');
  let value: Array<Record<string, unknown>>;
  if (token === null) {
    value = groups.map((group) => applySelect(structuredClone(group), select));
  } else {
    const before = context.groupDeltaTokens.get(`${tenant.entra_tenant_id}:${token}`);
    if (!before) return badRequest(response, 'The delta token is invalid or has expired.');
    value = groups.filter((group) => before.get(group.id) !== snapshot.get(group.id)).map((group) => applySelect(structuredClone(group), select));
    for (const id of before.keys()) if (!snapshot.has(id)) value.push({ id, '@removed': { reason: 'changed' } });
  }
  const next = randomUUID().replace(/-/g, '');
  context.groupDeltaTokens.set(`${tenant.entra_tenant_id}:${next}`, snapshot);
  const selectQuery = url.searchParams.get('$select');
  const keep = selectQuery ? `&$select=${encodeURIComponent(selectQuery)}` : '';
  sendJson(response, 200, { '@odata.context': `${base}/$metadata#groups`, value, '@odata.deltaLink': `${base}/groups/delta?$deltatoken=${next}${keep}` });
  return 200;
}

function organizationOf(tenant: SimTenant): SimEntity {
  return {
    id: tenant.entra_tenant_id,
    displayName: tenant.display_name,
    tenantType: 'AAD',
    verifiedDomains: [
      { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: true, name: tenant.verified_domain, type: 'Managed' },
    ],
  };
}

function notFound(response: ServerResponse, id: string): number {
  sendJson(response, 404, graphError('Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`, response));
  return 404;
}

function badRequest(response: ServerResponse, message: string): number {
  sendJson(response, 400, graphError('BadRequest', message, response));
  return 400;
}
