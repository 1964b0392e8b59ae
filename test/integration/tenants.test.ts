import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodApp } from '../../src/http/app-context';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';
import { bearer, buildTestApp, createMember, createTestWorkspace, type TestMember } from '../support/test-app';

describe.each(databaseTargets())('tenants and lifecycle on %s', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let manager: TestMember;
  let reader: TestMember;
  let workspaceId: number;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database);
    workspaceId = (await createTestWorkspace(database, 'acme')).id;
    manager = await createMember(database, 'acme', 'manager@example.com', 'manager');
    reader = await createMember(database, 'acme', 'reader@example.com', 'readonly');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const create = async (name: string) => {
    const response = await bearer(app, manager.token, 'POST', `/api/workspaces/${workspaceId}/tenants`, { name, domain: `${name.toLowerCase().replaceAll(" ", "-")}.onmicrosoft.com` });
    expect(response.statusCode).toBe(201);
    return response.json().tenant as { id: number; status: string };
  };
  const act = (tenantId: number, action: string, token = manager.token) => bearer(app, token, 'POST', `/api/tenants/${tenantId}/lifecycle`, { action });
  /** What onboarding needs to complete (SPEC §1): a connection and a succeeded provider.verify after its save. */
  const markVerified = async (tenantId: number) => {
    await sql`INSERT INTO provider_connections (tenant_id, client_id, client_secret, updated_at) VALUES (${tenantId}, 'c', 'sealed', now() - interval '1 minute')`.execute(database.db);
    await sql`INSERT INTO operation_runs (workspace_id, tenant_id, type, status, outcome, started_at, completed_at)
      VALUES (${workspaceId}, ${tenantId}, 'provider.verify', 'completed', 'succeeded', now(), now())`.execute(database.db);
  };

  it('creates a tenant as draft and reads it back with its presentation', async () => {
    const tenant = await create('Contoso');
    expect(tenant).toMatchObject({ status: 'draft', deleted_at: null, lifecycle: { label: 'Draft', is_invalid_fallback: false } });
    const read = await bearer(app, reader.token, 'GET', `/api/tenants/${tenant.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().tenant).toMatchObject({ id: tenant.id, name: 'Contoso', domain: 'contoso.onmicrosoft.com', workspace_id: workspaceId });
    const list = await bearer(app, reader.token, 'GET', `/api/workspaces/${workspaceId}/tenants`);
    expect(list.json().tenants.map((t: { id: number }) => t.id)).toContain(tenant.id);
  });

  it('refuses invalid input with a 400 naming the field', async () => {
    const noName = await bearer(app, manager.token, 'POST', `/api/workspaces/${workspaceId}/tenants`, { name: '   ' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.field).toBe('name');
    const badGuid = await bearer(app, manager.token, 'POST', `/api/workspaces/${workspaceId}/tenants`, { name: 'X', entra_tenant_id: 'nope' });
    expect(badGuid.json().error).toMatchObject({ code: 'validation', field: 'entra_tenant_id' });
    const badAction = await act(1, 'explode');
    expect(badAction.statusCode).toBe(400);
    expect(badAction.json().error.field).toBe('action');
  });

  it('walks every allowed transition, with archive setting and restore clearing deleted_at', async () => {
    const { id } = await create('Walker');
    const step = async (action: string, status: string) => {
      const response = await act(id, action);
      expect(response.statusCode).toBe(200);
      expect(response.json().tenant.status).toBe(status);
      return response.json().tenant;
    };
    await step('start_onboarding', 'onboarding');
    await step('cancel_onboarding', 'draft');
    await step('start_onboarding', 'onboarding');
    await markVerified(id);
    await step('complete_onboarding', 'active');
    const archived = await step('archive', 'archived');
    expect(archived.deleted_at).not.toBeNull();
    expect(archived.lifecycle_actions.map((a: { action: string }) => a.action)).toEqual(['restore']);
    const restored = await step('restore', 'active');
    expect(restored.deleted_at).toBeNull();
  });

  it('refuses every other transition with 409 and a clear message, leaving the tenant unchanged', async () => {
    const refusedFrom: Record<string, string[]> = {
      draft: ['complete_onboarding', 'cancel_onboarding', 'archive', 'restore'],
      onboarding: ['start_onboarding', 'archive', 'restore'],
      active: ['start_onboarding', 'complete_onboarding', 'cancel_onboarding', 'restore'],
      archived: ['start_onboarding', 'complete_onboarding', 'cancel_onboarding', 'archive'],
    };
    const paths: Record<string, string[]> = {
      draft: [],
      onboarding: ['start_onboarding'],
      active: ['start_onboarding', 'complete_onboarding'],
      archived: ['start_onboarding', 'complete_onboarding', 'archive'],
    };
    for (const [state, actions] of Object.entries(refusedFrom)) {
      const { id } = await create(`Refuse ${state}`);
      for (const a of paths[state] ?? []) {
        if (a === 'complete_onboarding') await markVerified(id);
        expect((await act(id, a)).statusCode).toBe(200);
      }
      for (const action of actions) {
        const response = await act(id, action);
        expect(response.statusCode, `${state} + ${action}`).toBe(409);
        expect(response.json().error.code).toBe('lifecycle.transition_not_allowed');
        expect(response.json().error.message).toMatch(/^Cannot .+ only possible from/);
      }
      const after = await bearer(app, reader.token, 'GET', `/api/tenants/${id}`);
      expect(after.json().tenant.status).toBe(state);
    }
  });

  it('lets readonly members read but not change tenants (403), with the reason on each action', async () => {
    const { id } = await create('Guarded');
    expect((await act(id, 'start_onboarding', reader.token)).statusCode).toBe(403);
    expect((await bearer(app, reader.token, 'POST', `/api/workspaces/${workspaceId}/tenants`, { name: 'No' })).statusCode).toBe(403);
    const seen = (await bearer(app, reader.token, 'GET', `/api/tenants/${id}`)).json().tenant;
    expect(seen.lifecycle_actions).toEqual([
      { action: 'start_onboarding', label: 'Start onboarding', allowed: false, disabled_reason: 'Requires the manager role or higher.', requires_confirmation: false },
    ]);
  });

  it('serves a tenant whose status was corrupted by raw SQL with the invalid fallback, never a 500', async () => {
    for (const corrupt of ['ACTIVE', ' active', '', 'deleted', null]) {
      const row = await sql<{ id: number }>`INSERT INTO tenants (workspace_id, name, status) VALUES (${workspaceId}, ${`Corrupt ${String(corrupt)}`}, ${corrupt}) RETURNING id`.execute(database.db);
      const id = row.rows[0]?.id as number;
      const response = await bearer(app, reader.token, 'GET', `/api/tenants/${id}`);
      expect(response.statusCode).toBe(200);
      const tenant = response.json().tenant;
      expect(tenant.status).toBe(corrupt);
      expect(tenant.lifecycle).toMatchObject({ value: corrupt, label: 'Invalid lifecycle', badge_color: 'danger', is_invalid_fallback: true });
      expect(tenant.lifecycle_actions).toEqual([]);
      const transition = await act(id, 'archive');
      expect(transition.statusCode).toBe(409);
      expect(transition.json().error.message).toMatch(/not a lifecycle state/);
    }
    const list = await bearer(app, reader.token, 'GET', `/api/workspaces/${workspaceId}/tenants`);
    expect(list.statusCode).toBe(200);
    expect(list.json().tenants.filter((t: { lifecycle: { is_invalid_fallback: boolean } }) => t.lifecycle.is_invalid_fallback)).toHaveLength(5);
  });

  it('keeps app_status and rbac_status separate from lifecycle, each with its own badge', async () => {
    const { id } = await create('Health');
    await database.db.updateTable('tenants').set({ app_status: 'error', rbac_status: 'granted' }).where('id', '=', id).execute();
    const tenant = (await bearer(app, reader.token, 'GET', `/api/tenants/${id}`)).json().tenant;
    expect(tenant.lifecycle.label).toBe('Draft');
    expect(tenant.app_status_presentation).toEqual({ label: 'Error', color: 'danger' });
    expect(tenant.rbac_status_presentation).toEqual({ label: 'Granted', color: 'success' });
  });

  it('publishes the lifecycle contract', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/lifecycle' });
    const body = response.json();
    expect(body.states.map((s: { label: string }) => s.label)).toEqual(['Draft', 'Onboarding', 'Active', 'Archived']);
    expect(Object.keys(body.variants)).toEqual(['table', 'detail', 'selector', 'canonical_viewer', 'banner']);
    expect(body.transitions).toHaveLength(5);
  });
});
