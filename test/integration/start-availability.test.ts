// Issue 20, item 12: the server says whether the viewer can start each operation of a tenant, and why not, in
// the words the start itself would refuse with; the web app shows that instead of deciding it in the browser.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodApp } from '../../src/http/app-context';
import { bearer, buildTestApp, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';

interface StartAvailability {
  allowed: boolean;
  disabled_reason: string | null;
}

const startRoutes = {
  'inventory.sync': (id: number) => `/api/tenants/${id}/inventory/sync`,
  'drift.scan': (id: number) => `/api/tenants/${id}/drift/scan`,
  'provider.verify': (id: number) => `/api/tenants/${id}/provider-connection/verify`,
} as const;

describe.each(databaseTargets())('operation start availability on %s', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let operator: TestMember;
  let reader: TestMember;
  let workspaceId: number;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database);
    workspaceId = (await createTestWorkspace(database, 'starts')).id;
    operator = await createMember(database, 'starts', 'operator@example.com', 'operator');
    reader = await createMember(database, 'starts', 'reader@example.com', 'readonly');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const tenantIn = async (status: string) => {
    const { id } = await sql<{ id: number }>`INSERT INTO tenants (workspace_id, name, status) VALUES (${workspaceId}, ${`Tenant ${status}`}, ${status}) RETURNING id`
      .execute(database.db)
      .then((result) => result.rows[0]!);
    return Number(id);
  };
  const startsOf = async (token: string, tenantId: number) => {
    const response = await bearer(app, token, 'GET', `/api/tenants/${tenantId}`);
    expect(response.statusCode).toBe(200);
    return response.json().tenant.operation_starts as Record<string, StartAvailability>;
  };

  it('refuses every start to a readonly viewer with the role it needs, as the start routes do (403)', async () => {
    const tenantId = await tenantIn('active');
    const starts = await startsOf(reader.token, tenantId);
    expect(Object.keys(starts).sort()).toEqual(['baseline.capture', 'drift.scan', 'inventory.sync', 'provider.verify']);
    for (const availability of Object.values(starts)) expect(availability).toEqual({ allowed: false, disabled_reason: 'Requires the operator role or higher.' });
    expect((await bearer(app, reader.token, 'POST', startRoutes['inventory.sync'](tenantId), {})).statusCode).toBe(403);
  });

  it('says why a tenant that is not active cannot start, in the words of the 409 the start answers', async () => {
    for (const status of ['draft', 'archived']) {
      const tenantId = await tenantIn(status);
      const starts = await startsOf(operator.token, tenantId);
      for (const [type, route] of Object.entries(startRoutes)) {
        const refused = await bearer(app, operator.token, 'POST', route(tenantId), type === 'inventory.sync' ? {} : undefined);
        expect(refused.statusCode, `${type} on a ${status} tenant`).toBe(409);
        expect(starts[type]).toEqual({ allowed: false, disabled_reason: refused.json().error.message });
      }
    }
  });

  it('lets an operator verify an onboarding tenant and start everything on an active one', async () => {
    const onboarding = await startsOf(operator.token, await tenantIn('onboarding'));
    expect(onboarding['provider.verify']).toEqual({ allowed: true, disabled_reason: null });
    expect(onboarding['inventory.sync']?.allowed).toBe(false);
    expect(onboarding['inventory.sync']?.disabled_reason).toContain('Complete onboarding first');

    const active = await startsOf(operator.token, await tenantIn('active'));
    for (const availability of Object.values(active)) expect(availability).toEqual({ allowed: true, disabled_reason: null });
  });

  it('answers the same availability in the tenant list', async () => {
    const tenantId = await tenantIn('draft');
    const list = await bearer(app, operator.token, 'GET', `/api/workspaces/${workspaceId}/tenants?limit=100`);
    const listed = list.json().tenants.find((tenant: { id: number }) => tenant.id === tenantId);
    expect(listed.operation_starts['inventory.sync']).toMatchObject({ allowed: false });
    expect(listed.operation_starts).toEqual(await startsOf(operator.token, tenantId));
  });
});
