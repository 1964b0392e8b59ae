import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { can, isRole, minimumRoleFor, type Capability, type Role } from '../../domain/access/roles';
import {
  findFindingOwnership,
  findRunOwnership,
  findTenantOwnership,
  findWorkspaceOwnership,
  type ScopeOwnership,
} from '../../db/queries/access-scopes';
import { forbidden, notFound, unauthorized } from '../errors';
import type { AccessCache } from '../access-cache';

/**
 * The one authorization mechanism (SPEC §5). Every /api route declares `config.access`; this hook resolves
 * the scoped record's workspace from the route parameter, then answers 404 to non-members exactly as for a
 * missing id, and 403 to members whose role lacks the capability. Routes never check roles themselves.
 */
export type AccessRule =
  | { scope: 'public' }
  | { scope: 'authenticated' }
  | { scope: ScopedKind; capability: Capability };

type ScopedKind = 'workspace' | 'tenant' | 'run' | 'finding';

export interface GrantedAccess {
  workspaceId: number;
  role: Role;
  /** The id named by the route parameter, already proven visible to the viewer. */
  scopeId: number;
}

/** One /api route as the access hook saw it registered. */
export interface RouteAccessEntry {
  method: string;
  url: string;
  access: AccessRule;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    access: GrantedAccess | null;
  }
  interface FastifyInstance {
    /** Every /api route with its access rule, so tests can walk all of them (test/integration/access-isolation). */
    routeAccessTable: RouteAccessEntry[];
  }
}

const scopeParam: Record<ScopedKind, string> = {
  workspace: 'workspace_id',
  tenant: 'tenant_id',
  run: 'run_id',
  finding: 'finding_id',
};

type OwnershipLookup = (db: Kysely<Database>, id: number, userId: number) => Promise<ScopeOwnership | undefined>;
const ownershipOf: Record<ScopedKind, OwnershipLookup> = {
  workspace: findWorkspaceOwnership,
  tenant: findTenantOwnership,
  run: findRunOwnership,
  finding: findFindingOwnership,
};

export function scopeParamOf(rule: AccessRule): string | null {
  return rule.scope in scopeParam ? scopeParam[rule.scope as ScopedKind] : null;
}

export function registerAccess(app: FastifyInstance, db: Kysely<Database>, cache: AccessCache): void {
  app.decorateRequest('access', null);
  app.decorate('routeAccessTable', [] as RouteAccessEntry[]);

  // Refuse to start with an /api route that has no access rule, so a route added later cannot forget it.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.method === 'HEAD') return;
    const rule = route.config?.access;
    if (!rule) throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    const param = scopeParamOf(rule);
    if (param && !route.url.includes(`:${param}`)) {
      throw new Error(`Route ${route.url} is ${rule.scope}-scoped but has no :${param} parameter`);
    }
    for (const method of [route.method].flat()) app.routeAccessTable.push({ method, url: route.url, access: rule });
  });

  // preValidation runs before the body is validated: an outsider learns nothing, not even that a body was wrong.
  app.addHook('preValidation', async (request) => {
    const rule = request.routeOptions.config?.access;
    if (!rule || rule.scope === 'public') return;
    if (!request.viewer) throw unauthorized();
    if (rule.scope === 'authenticated') return;
    request.access = await grant(db, cache, request, rule.scope, rule.capability);
  });
}

async function grant(db: Kysely<Database>, cache: AccessCache, request: FastifyRequest, scope: ScopedKind, capability: Capability): Promise<GrantedAccess> {
  const raw = (request.params as Record<string, string | undefined>)[scopeParam[scope]];
  const id = raw !== undefined && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : null;
  const viewerId = request.viewer?.id;
  const owner = id === null || viewerId === undefined ? undefined : await cache.workspaceRole(`${scope}:${id}`, viewerId, () => ownershipOf[scope](db, id, viewerId));
  if (!owner || !isRole(owner.role) || id === null) throw notFound(scope);
  if (!can(owner.role, capability)) {
    throw forbidden(`This requires the ${minimumRoleFor(capability)} role or higher in this workspace.`);
  }
  return { workspaceId: owner.workspace_id, role: owner.role, scopeId: id };
}

/** The granted access of a scoped route; only callable where the route declared a scope. */
export function accessOf(request: FastifyRequest): GrantedAccess {
  if (!request.access) throw new Error('accessOf() called on a route without a scoped access rule');
  return request.access;
}
