import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodApp } from '../../src/http/app-context';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';
import { bearer, buildTestApp, createMember, createTestWorkspace, type TestMember } from '../support/test-app';

// SPEC §5, written down here from the spec itself rather than from the routes' own declarations: "readonly views;
// operator also starts operations and acknowledges findings; manager also manages tenants, lifecycle, provider
// connections and closes findings; owner also manages members." Each action is tried over real HTTP by every role:
// a role below the one named is 403 `forbidden`; the lowest role named gets past the access check (whatever the
// action then answers — 400 for the empty body, 409, or 404 for a missing invitation or item — never 403).
type Role = 'readonly' | 'operator' | 'manager' | 'owner';
const ladder: Role[] = ['readonly', 'operator', 'manager', 'owner'];

interface SpecAction {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  role: Role;
  /** The words of SPEC §5 this follows, or the decision where §5 names no role (docs/DECISIONS.md). */
  because: string;
}

const specTable: SpecAction[] = [
  { method: 'POST', url: '/api/tenants/:tenant_id/inventory/sync', role: 'operator', because: 'operator starts operations' },
  { method: 'POST', url: '/api/tenants/:tenant_id/baseline/capture', role: 'operator', because: 'operator starts operations' },
  { method: 'POST', url: '/api/tenants/:tenant_id/drift/scan', role: 'operator', because: 'operator starts operations' },
  { method: 'POST', url: '/api/tenants/:tenant_id/provider-connection/verify', role: 'operator', because: 'operator starts operations (provider.verify)' },
  { method: 'POST', url: '/api/findings/:finding_id/acknowledge', role: 'operator', because: 'operator acknowledges findings' },
  { method: 'POST', url: '/api/findings/:finding_id/close', role: 'manager', because: 'manager closes findings' },
  { method: 'POST', url: '/api/findings/:finding_id/reopen', role: 'manager', because: 'undoing a close is closing’s capability (decision)' },
  { method: 'POST', url: '/api/workspaces/:workspace_id/tenants', role: 'manager', because: 'manager manages tenants' },
  { method: 'POST', url: '/api/tenants/:tenant_id/lifecycle', role: 'manager', because: 'manager manages lifecycle' },
  { method: 'PUT', url: '/api/tenants/:tenant_id/provider-connection', role: 'manager', because: 'manager manages provider connections' },
  { method: 'PUT', url: '/api/workspaces/:workspace_id/schedule', role: 'manager', because: "the tenants' sync schedule is tenant management (decision)" },
  { method: 'POST', url: '/api/operations/:run_id/cancel', role: 'manager', because: 'cancelling affects work others started (decision)' },
  { method: 'POST', url: '/api/workspaces/:workspace_id/members', role: 'owner', because: 'owner manages members' },
  { method: 'PATCH', url: '/api/workspaces/:workspace_id/members/:user_id', role: 'owner', because: 'owner manages members' },
  { method: 'DELETE', url: '/api/workspaces/:workspace_id/members/:user_id', role: 'owner', because: 'owner manages members' },
  { method: 'DELETE', url: '/api/workspaces/:workspace_id/invitations/:invitation_id', role: 'owner', because: 'owner manages members' },
];

describe.each(databaseTargets())('SPEC §5 roles × actions over HTTP on %s', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  const members = {} as Record<Role, TestMember>;
  let ids: Record<string, number>;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database);
    const workspace = await createTestWorkspace(database, 'spec');
    for (const role of ladder) members[role] = await createMember(database, 'spec', `${role}@spec.example`, role);
    const bystander = await createMember(database, 'spec', 'bystander@spec.example', 'readonly');
    const tenant = await sql<{ id: number }>`INSERT INTO tenants (workspace_id, name, status) VALUES (${workspace.id}, 'Spec tenant', 'active') RETURNING id`.execute(database.db);
    const tenantId = tenant.rows[0]!.id;
    const run = await sql<{ id: number }>`INSERT INTO operation_runs (workspace_id, tenant_id, type) VALUES (${workspace.id}, ${tenantId}, 'inventory.sync') RETURNING id`.execute(database.db);
    const finding = await sql<{ id: number }>`INSERT INTO findings (tenant_id, kind, severity, fingerprint) VALUES (${tenantId}, 'missing_policy', 'high', 'fp-spec') RETURNING id`.execute(database.db);
    ids = { workspace_id: workspace.id, tenant_id: tenantId, run_id: run.rows[0]!.id, finding_id: finding.rows[0]!.id, user_id: bystander.id, invitation_id: 1 };
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const urlOf = (action: SpecAction) => action.url.replace(/:([a-z_]+)/g, (_m, name: string) => String(ids[name]));

  it('names every state-changing workspace route (a new one must be placed on the ladder from the spec)', () => {
    const mutating = app.routeAccessTable
      .filter((entry) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(entry.method) && ['workspace', 'tenant', 'run', 'finding'].includes(entry.access.scope))
      .map((entry) => `${entry.method} ${entry.url}`);
    expect(mutating.sort()).toEqual(specTable.map((action) => `${action.method} ${action.url}`).sort());
  });

  it.each(specTable)('$method $url: 403 below $role ($because)', async (action) => {
    for (const role of ladder.slice(0, ladder.indexOf(action.role))) {
      const response = await bearer(app, members[role].token, action.method, urlOf(action), {});
      expect(response.statusCode, `${role}`).toBe(403);
      expect(response.json().error.code, `${role}`).toBe('forbidden');
    }
    const allowed = await bearer(app, members[action.role].token, action.method, urlOf(action), {});
    expect(allowed.statusCode, `${action.role} is let through`).not.toBe(403);
  });

  it('lets readonly view every workspace, tenant, run and finding page', async () => {
    const views = app.routeAccessTable.filter((entry) => entry.method === 'GET' && ['workspace', 'tenant', 'run', 'finding'].includes(entry.access.scope));
    expect(views.length).toBeGreaterThan(5);
    for (const view of views) {
      if (view.url.includes('/events')) continue; // event streams stay open; their access is tested in event-stream-access
      const response = await bearer(app, members.readonly.token, 'GET', view.url.replace(/:([a-z_]+)/g, (_m, name: string) => String(ids[name] ?? 1)));
      expect(response.statusCode, `GET ${view.url}`).not.toBe(403);
    }
  });
});
