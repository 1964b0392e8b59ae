import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as uniqueEntraTenantIds } from '../../src/db/migrations/0007-tenant-entra-id-unique';
import { startGraphSim, type GraphSim } from '../../src/graph-sim';
import { bearer, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets, openTestDatabase } from '../support/test-database';
import { eventually, openEngineHarness, type EngineHarness } from '../support/operations-harness';

// Onboarding that really connects a tenant (issue 11, SPEC §1 and §5): completion is refused with 409 and the
// missing step until the latest provider.verify after the connection's last save succeeded; verify runs for
// onboarding tenants; Entra tenant ids are unique across the product and connection client ids are GUIDs.
describe.each(databaseTargets())('onboarding on %s', (target) => {
  let sim: GraphSim;
  let harness: EngineHarness;
  let workspaceId: number;
  let manager: TestMember;

  beforeAll(async () => {
    sim = await startGraphSim();
    harness = await openEngineHarness(target, { config: { graphUrl: sim.url, loginUrl: sim.url } });
    workspaceId = (await createTestWorkspace(harness.database, 'onboard')).id;
    manager = await createMember(harness.database, 'onboard', 'manager@onboard.example', 'manager');
  });
  afterAll(async () => {
    await harness?.close();
    await sim?.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => bearer(harness.app, manager.token, method, url, payload);
  const lifecycle = (tenantId: number, action: string) => call('POST', `/api/tenants/${tenantId}/lifecycle`, { action });
  const verify = async (tenantId: number) => {
    const started = await call('POST', `/api/tenants/${tenantId}/provider-connection/verify`);
    expect(started.statusCode, started.body).toBe(202);
    const runId = started.json<{ run: { id: number } }>().run.id;
    return eventually(async () => {
      const run = (await call('GET', `/api/operations/${runId}`)).json<{ run: { status: string; outcome: string } }>().run;
      return run.status === 'completed' ? run : undefined;
    }, 'the verify run to complete');
  };

  it('refuses completion until the connection is saved and verified after its last save, then completes', async () => {
    const simTenant = sim.tenants[0]!;
    const created = await call('POST', `/api/workspaces/${workspaceId}/tenants`, { name: 'Contoso', entra_tenant_id: simTenant.entra_tenant_id });
    expect(created.statusCode).toBe(201);
    const tenantId = created.json<{ tenant: { id: number } }>().tenant.id;

    // Draft: verifying is not yet possible, and says why.
    const early = await call('POST', `/api/tenants/${tenantId}/provider-connection/verify`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/Start onboarding first/);
    expect((await lifecycle(tenantId, 'start_onboarding')).statusCode).toBe(200);

    // No connection yet.
    const noConnection = await lifecycle(tenantId, 'complete_onboarding');
    expect(noConnection.statusCode).toBe(409);
    expect(noConnection.json().error).toMatchObject({ code: 'lifecycle.onboarding_incomplete' });
    expect(noConnection.json().error.message).toMatch(/save the provider connection first \(step 1\)/);
    const read = (await call('GET', `/api/tenants/${tenantId}`)).json<{ tenant: { onboarding: { missing_step: string; steps: Array<{ key: string; state: string }> }; lifecycle_actions: Array<{ action: string; allowed: boolean; disabled_reason: string | null }> } }>().tenant;
    expect(read.onboarding.missing_step).toBe('connection_saved');
    expect(read.onboarding.steps.map((s) => s.state)).toEqual(['current', 'waiting', 'waiting']);
    expect(read.lifecycle_actions.find((a) => a.action === 'complete_onboarding')).toMatchObject({ allowed: false, disabled_reason: noConnection.json().error.message });

    // Saved with a wrong secret: not verified yet, then a failed verification.
    const wrong = { client_id: simTenant.client_id, client_secret: 'not-the-secret' };
    expect((await call('PUT', `/api/tenants/${tenantId}/provider-connection`, wrong)).statusCode).toBe(200);
    expect((await lifecycle(tenantId, 'complete_onboarding')).json().error.message).toMatch(/verify the provider connection first \(step 2\)/);
    const failed = await verify(tenantId);
    expect(failed.outcome).toBe('failed');
    const afterFailure = await lifecycle(tenantId, 'complete_onboarding');
    expect(afterFailure.statusCode).toBe(409);
    expect(afterFailure.json().error).toMatchObject({ code: 'lifecycle.onboarding_incomplete', message: expect.stringMatching(/did not succeed/) });
    const steps = (await call('GET', `/api/tenants/${tenantId}`)).json().tenant.onboarding.steps;
    expect(steps[1]).toMatchObject({ key: 'verification_succeeded', state: 'failed', run_id: expect.any(Number), detail: expect.stringMatching(/refused/) });
    const card = (await call('GET', `/api/tenants/${tenantId}/provider-connection`)).json().connection;
    expect(card.last_verification).toMatchObject({ outcome: 'failed', after_last_save: true, failure: { code: 'auth.failed' } });

    // The right secret, verified: then saved again, the old success no longer counts.
    const right = { client_id: simTenant.client_id, client_secret: simTenant.client_secret };
    expect((await call('PUT', `/api/tenants/${tenantId}/provider-connection`, right)).statusCode).toBe(200);
    expect((await verify(tenantId)).outcome).toBe('succeeded');
    // Saved again right after (no pause): compared at the database's precision, the success is older.
    const resaved = await call('PUT', `/api/tenants/${tenantId}/provider-connection`, right);
    expect(resaved.json().connection.last_verification).toMatchObject({ outcome: 'succeeded', after_last_save: false });
    const stale = await lifecycle(tenantId, 'complete_onboarding');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/changed after its last verification/);
    expect((await call('GET', `/api/tenants/${tenantId}/provider-connection`)).json().connection.last_verification.after_last_save).toBe(false);

    // Only the latest verification counts: a success followed by a failure closes the gate again.
    expect((await verify(tenantId)).outcome).toBe('succeeded');
    sim.faults.set(simTenant.entra_tenant_id, { kind: 'forbidden', count: 1 });
    expect((await verify(tenantId)).outcome).toBe('failed');
    expect((await lifecycle(tenantId, 'complete_onboarding')).statusCode).toBe(409);

    expect((await verify(tenantId)).outcome).toBe('succeeded');
    const allowed = (await call('GET', `/api/tenants/${tenantId}`)).json().tenant;
    expect(allowed.onboarding).toMatchObject({ can_complete: true, missing_step: null });
    expect(allowed.onboarding.steps.map((step: { state: string }) => step.state)).toEqual(['done', 'done', 'current']);
    expect(allowed.lifecycle_actions.find((a: { action: string }) => a.action === 'complete_onboarding')).toMatchObject({ allowed: true, disabled_reason: null });
    const completed = await lifecycle(tenantId, 'complete_onboarding');
    expect(completed.statusCode, completed.body).toBe(200);
    expect(completed.json().tenant).toMatchObject({ status: 'active', onboarding: null });
  });

  it('still refuses verification for archived tenants', async () => {
    const created = await call('POST', `/api/workspaces/${workspaceId}/tenants`, { name: 'Archived one' });
    const tenantId = created.json<{ tenant: { id: number } }>().tenant.id;
    await harness.database.db.updateTable('tenants').set({ status: 'archived' }).where('id', '=', tenantId).execute();
    const refused = await call('POST', `/api/tenants/${tenantId}/provider-connection/verify`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('operation.tenant_not_active');
  });

  it('refuses a duplicate Entra tenant id with 409 naming the field, also in another case and another workspace', async () => {
    const guid = 'a1b2c3d4-0000-4000-8000-0000000000aa';
    expect((await call('POST', `/api/workspaces/${workspaceId}/tenants`, { name: 'First', entra_tenant_id: guid })).statusCode).toBe(201);
    const again = await call('POST', `/api/workspaces/${workspaceId}/tenants`, { name: 'Second', entra_tenant_id: guid.toUpperCase() });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'tenant.entra_tenant_id_taken', field: 'entra_tenant_id' });
    await createTestWorkspace(harness.database, 'other-msp');
    const elsewhere = await createMember(harness.database, 'other-msp', 'owner@other-msp.example', 'owner');
    const otherWorkspace = (await bearer(harness.app, elsewhere.token, 'GET', '/api/me')).json().workspaces[0].id;
    const foreign = await bearer(harness.app, elsewhere.token, 'POST', `/api/workspaces/${otherWorkspace}/tenants`, { name: 'Theirs', entra_tenant_id: guid });
    expect(foreign.statusCode).toBe(409);
    // It says the id is taken, never by whom.
    expect(foreign.body).not.toContain('First');
    expect(foreign.body).not.toContain('onboard');
  });

  it('requires GUIDs for a connection\'s client id, naming the field in words', async () => {
    const created = await call('POST', `/api/workspaces/${workspaceId}/tenants`, { name: 'Guid check' });
    const tenantId = created.json<{ tenant: { id: number } }>().tenant.id;
    const bad = await call('PUT', `/api/tenants/${tenantId}/provider-connection`, { client_id: 'not-a-guid', client_secret: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'client_id', message: expect.stringMatching(/^The client ID must be .* GUID/) });
    const badTenantId = await call('POST', `/api/workspaces/${workspaceId}/tenants`, { name: 'X', entra_tenant_id: 'contoso' });
    expect(badTenantId.json().error).toMatchObject({ field: 'entra_tenant_id', message: expect.stringMatching(/must be a GUID/) });
    const noName = await call('POST', `/api/workspaces/${workspaceId}/tenants`, { name: '  ' });
    expect(noName.json().error).toMatchObject({ field: 'name', message: 'Enter a name.' });
    const missingName = await call('POST', `/api/workspaces/${workspaceId}/tenants`, {});
    expect(missingName.json().error).toMatchObject({ field: 'name', message: 'Enter a name.' });
    const noClientId = await call('PUT', `/api/tenants/${tenantId}/provider-connection`, { client_secret: 'x' });
    expect(noClientId.json().error).toMatchObject({ field: 'client_id', message: 'Enter the client ID.' });
    const badConnectionTenant = await call('PUT', `/api/tenants/${tenantId}/provider-connection`, { client_id: '72f988bf-86f1-41af-91ab-2d7cd011db47', client_secret: 'x', entra_tenant_id: 'contoso.onmicrosoft.com' });
    expect(badConnectionTenant.statusCode).toBe(400);
    expect(badConnectionTenant.json().error).toMatchObject({ field: 'entra_tenant_id', message: expect.stringMatching(/^The Entra tenant ID must be a GUID/) });
    // GUIDs are accepted in either case and with stray blanks around them (pasted from the Azure portal).
    const pasted = await call('PUT', `/api/tenants/${tenantId}/provider-connection`, { client_id: ' 72F988BF-86F1-41AF-91AB-2D7CD011DB47 ', client_secret: 'x' });
    expect(pasted.statusCode, pasted.body).toBe(200);
    expect(pasted.json().connection).toMatchObject({ client_id: '72F988BF-86F1-41AF-91AB-2D7CD011DB47', last_verification: null });
  });
});

describe.each(databaseTargets())('migration 0007 on %s', (target) => {
  it('stops, naming the duplicate, on an installation where two tenants already share an Entra tenant id', async () => {
    const database = await openTestDatabase(target);
    try {
      const { db } = database;
      await sql`DROP INDEX tenants_entra_tenant_id_key`.execute(db);
      const workspace = await createTestWorkspace(database, 'dupes');
      const guid = 'b1b2c3d4-0000-4000-8000-0000000000bb';
      for (const [name, entra_tenant_id] of [['Lower', guid], ['Upper', guid.toUpperCase()]] as const) {
        await db.insertInto('tenants').values({ workspace_id: workspace.id, name, domain: null, entra_tenant_id, status: 'active' }).execute();
      }
      await expect(uniqueEntraTenantIds(db as never)).rejects.toThrow(new RegExp(`share an Entra tenant id \\(${guid}\\)`));
    } finally {
      await database.close();
    }
  });
});
