import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodApp } from '../../src/http/app-context';
import { can, roles, type Capability, type Role } from '../../src/domain/access/roles';
import type { RouteAccessEntry } from '../../src/http/plugins/access';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';
import { bearer, buildTestApp, createMember, createTestWorkspace, SessionClient, type TestMember } from '../support/test-app';

// Walks the server's own route table, so a route added later is covered without anyone remembering to.
const MISSING_ID = 987654321;
type Scope = 'workspace' | 'tenant' | 'run' | 'finding';
const scopeParam: Record<Scope, string> = { workspace: 'workspace_id', tenant: 'tenant_id', run: 'run_id', finding: 'finding_id' };
const isScoped = (entry: RouteAccessEntry): entry is RouteAccessEntry & { access: { scope: Scope; capability: Capability } } =>
  entry.access.scope in scopeParam;
const isMutating = (method: string) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method);

function urlFor(entry: RouteAccessEntry, scopeId: number): string {
  return entry.url.replace(/:([a-z_]+)/g, (_m, name: string) => (isScoped(entry) && name === scopeParam[entry.access.scope] ? String(scopeId) : '1'));
}

describe.each(databaseTargets())('deny-as-not-found over every scoped route on %s', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let outsider: TestMember;
  const membersOfB = {} as Record<Role, TestMember>;
  const idsOfB = {} as Record<Scope, number>;
  let scopedRoutes: Array<RouteAccessEntry & { access: { scope: Scope; capability: Capability } }>;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database);
    await createTestWorkspace(database, 'alpha');
    const beta = await createTestWorkspace(database, 'beta');
    outsider = await createMember(database, 'alpha', 'outsider@alpha.example', 'owner');
    for (const role of roles) membersOfB[role] = await createMember(database, 'beta', `${role}@beta.example`, role);

    const tenant = await sql<{ id: number }>`INSERT INTO tenants (workspace_id, name, status) VALUES (${beta.id}, 'Beta tenant', 'active') RETURNING id`.execute(database.db);
    const tenantId = tenant.rows[0]!.id;
    const run = await sql<{ id: number }>`INSERT INTO operation_runs (workspace_id, tenant_id, type) VALUES (${beta.id}, ${tenantId}, 'inventory.sync') RETURNING id`.execute(database.db);
    const finding = await sql<{ id: number }>`INSERT INTO findings (tenant_id, kind, severity, fingerprint) VALUES (${tenantId}, 'missing_policy', 'high', 'fp-1') RETURNING id`.execute(database.db);
    Object.assign(idsOfB, { workspace: beta.id, tenant: tenantId, run: run.rows[0]!.id, finding: finding.rows[0]!.id });
    scopedRoutes = app.routeAccessTable.filter(isScoped);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('has an access rule on every /api route and covers the tenant-, run- and finding-scoped ones', () => {
    expect(app.routeAccessTable.length).toBeGreaterThan(5);
    expect(app.routeAccessTable.every((r) => r.access !== undefined)).toBe(true);
    const scopes = new Set(scopedRoutes.map((r) => r.access.scope));
    expect(scopes).toContain('tenant');
    expect(scopes).toContain('workspace');
    expect(scopes).toContain('finding');
  });

  it('keeps the routes open to anyone to exactly these (a new public route is a deliberate decision)', () => {
    const open = app.routeAccessTable.filter((entry) => entry.access.scope === 'public').map((entry) => `${entry.method} ${entry.url}`);
    expect(open.sort()).toEqual(
      [
        'POST /api/auth/login',
        'GET /api/auth/methods',
        'GET /api/auth/entra-id/start',
        'GET /api/auth/entra-id/callback',
        'GET /api/auth/entra-id/problem',
        'GET /api/lifecycle',
        'GET /api/invitations/:token',
        'POST /api/invitations/:token/accept',
        'GET /api/openapi.json',
      ].sort(),
    );
  });

  it('answers a signed-in non-member exactly as for a missing id (bearer)', async () => {
    for (const route of scopedRoutes) {
      const method = route.method as 'GET' | 'POST' | 'PUT' | 'DELETE';
      const foreign = await bearer(app, outsider.token, method, urlFor(route, idsOfB[route.access.scope]), {});
      const missing = await bearer(app, outsider.token, method, urlFor(route, MISSING_ID), {});
      const label = `${route.method} ${route.url}`;
      expect(missing.statusCode, label).toBe(404);
      expect(foreign.statusCode, label).toBe(404);
      expect(foreign.json(), label).toEqual(missing.json());
    }
  });

  it('answers the same way to a browser session with a valid CSRF token', async () => {
    const client = new SessionClient(app);
    await client.login(outsider.email, outsider.password);
    for (const route of scopedRoutes) {
      const method = route.method as 'GET' | 'POST' | 'PUT' | 'DELETE';
      const foreign = await client.request(method, urlFor(route, idsOfB[route.access.scope]), {});
      const missing = await client.request(method, urlFor(route, MISSING_ID), {});
      expect([foreign.statusCode, missing.statusCode], `${route.method} ${route.url}`).toEqual([404, 404]);
      expect(foreign.json()).toEqual(missing.json());
    }
  });

  it('answers a non-numeric id like a missing one', async () => {
    const response = await bearer(app, outsider.token, 'GET', '/api/tenants/abc');
    expect(response.statusCode).toBe(404);
  });

  it('gives every mutating scoped route a capability beyond view, and 403 to each role that lacks it', async () => {
    const mutating = scopedRoutes.filter((r) => isMutating(r.method));
    expect(mutating.length).toBeGreaterThan(0);
    for (const route of mutating) {
      const label = `${route.method} ${route.url}`;
      expect(route.access.capability, label).not.toBe('view');
      const lacking = roles.filter((role) => !can(role, route.access.capability));
      expect(lacking.length, label).toBeGreaterThan(0);
      for (const role of lacking) {
        const response = await bearer(app, membersOfB[role].token, route.method as 'POST', urlFor(route, idsOfB[route.access.scope]), {});
        expect(response.statusCode, `${label} as ${role}`).toBe(403);
        expect(response.json().error.code).toBe('forbidden');
      }
    }
  });
});
