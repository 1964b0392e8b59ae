import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets } from '../support/test-database';
import { insertTenant, openEngineHarness, type EngineHarness } from '../support/operations-harness';

// Starting, viewing and cancelling runs and the provider connection, as a user of the API sees them. The
// engine runs without a worker here, so runs stay where the API put them.
const SECRET = 'abc8Q~Sup3rS3cretClientValue0123456789xyz';

describe.each(databaseTargets())('operations API on %s', (target) => {
  let harness: EngineHarness;
  let workspaceId: number;
  let manager: TestMember;
  let operator: TestMember;
  let readonly: TestMember;
  let activeTenant: number;

  beforeAll(async () => {
    harness = await openEngineHarness(target, { worker: false });
    workspaceId = (await createTestWorkspace(harness.database, 'api')).id;
    manager = await createMember(harness.database, 'api', 'manager@api.example', 'manager');
    operator = await createMember(harness.database, 'api', 'operator@api.example', 'operator');
    readonly = await createMember(harness.database, 'api', 'readonly@api.example', 'readonly');
    activeTenant = await insertTenant(harness.database, workspaceId, 'Contoso', 'active', '11111111-2222-3333-4444-555555555555');
  });
  afterAll(async () => {
    await harness?.close();
  });

  const verify = (member: TestMember, tenantId: number) => bearer(harness.app, member.token, 'POST', `/api/tenants/${tenantId}/provider-connection/verify`);

  it('turns 20 concurrent starts into one queued run, enqueued once, and 19 reuses of it', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => verify(operator, activeTenant)));
    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(202));
    const bodies = responses.map((response) => response.json<{ run: { id: number; status: string; type_label: string }; reused: boolean }>());
    expect(new Set(bodies.map((body) => body.run.id)).size).toBe(1);
    expect(bodies.filter((body) => body.reused)).toHaveLength(19);
    expect(bodies[0]!.run).toMatchObject({ status: 'queued', outcome: 'pending', type: 'provider.verify', type_label: 'Verify provider connection' });
    expect(bodies[0]!.run).toMatchObject({ initiator: { user_id: operator.id, name: 'operator' }, status_presentation: { label: 'Queued' } });
    const jobs = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'operation-run'`.execute(harness.database.db);
    expect(jobs.rows[0]!.n).toBe(1);
  });

  it('refuses to start for a tenant that is not active, in the lifecycle\'s words', async () => {
    // Onboarding tenants may verify (that is how onboarding completes; test/integration/onboarding.test.ts).
    for (const [status, label] of [['draft', 'Draft'], ['archived', 'Archived'], ['ACTIVE', 'Invalid lifecycle']] as const) {
      const tenantId = await insertTenant(harness.database, workspaceId, `Tenant ${status}`, status);
      const response = await verify(operator, tenantId);
      expect(response.statusCode, status).toBe(409);
      expect(response.json().error.code).toBe('operation.tenant_not_active');
      expect(response.json().error.message).toContain(label);
    }
  });

  it('lets a readonly member view but not start', async () => {
    expect((await verify(readonly, activeTenant)).statusCode).toBe(403);
    expect((await bearer(harness.app, readonly.token, 'GET', `/api/tenants/${activeTenant}/operations`)).statusCode).toBe(200);
  });

  it('shows a run of an unknown type with its raw type in the label, and sanitizes what raw rows hold', async () => {
    const inserted = await sql<{ id: number }>`
      INSERT INTO operation_runs (workspace_id, tenant_id, type, status, outcome, summary_counts, failure_summary)
      VALUES (${workspaceId}, ${activeTenant}, 'legacy.export', 'completed', 'exploded',
              '{"total": 5, "failed": "3", "secret": 7, "skipped": -1}'::jsonb,
              '[{"code": "Bad Code!", "message": "token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln failed"}, "junk", {"code": "graph.forbidden", "message": "denied", "count": 2}]'::jsonb)
      RETURNING id`.execute(harness.database.db);
    const response = await bearer(harness.app, readonly.token, 'GET', `/api/operations/${inserted.rows[0]!.id}`);
    expect(response.statusCode).toBe(200);
    const { run, referenced_tenant } = response.json();
    expect(run.type_label).toBe('Unknown type (legacy.export)');
    expect(run.outcome_presentation).toEqual({ label: 'Unknown outcome (exploded)', color: 'danger' });
    expect(run.summary_counts).toEqual({ total: 5 });
    expect(run.failure_summary).toEqual([
      { code: 'run.failure', message: 'token=[redacted] failed', count: 1 },
      { code: 'graph.forbidden', message: 'denied', count: 2 },
    ]);
    expect(referenced_tenant).toMatchObject({ tenant_id: activeTenant, tenant_name: 'Contoso', viewer_context: 'operation_run', context_note: null });
  });

  it('explains an archived tenant on the run viewer without calling the run invalid', async () => {
    const tenantId = await insertTenant(harness.database, workspaceId, 'Fabrikam', 'archived');
    const inserted = await sql<{ id: number }>`
      INSERT INTO operation_runs (workspace_id, tenant_id, type) VALUES (${workspaceId}, ${tenantId}, 'inventory.sync') RETURNING id`.execute(harness.database.db);
    const { referenced_tenant } = (await bearer(harness.app, readonly.token, 'GET', `/api/operations/${inserted.rows[0]!.id}`)).json();
    expect(referenced_tenant.lifecycle).toMatchObject({ value: 'archived', label: 'Archived' });
    expect(referenced_tenant.context_note).toContain('remains valid');
  });

  it('shows a workspace-level run with a referenced tenant of null', async () => {
    const inserted = await sql<{ id: number }>`
      INSERT INTO operation_runs (workspace_id, tenant_id, type) VALUES (${workspaceId}, NULL, 'drift.scan') RETURNING id`.execute(harness.database.db);
    const response = await bearer(harness.app, readonly.token, 'GET', `/api/operations/${inserted.rows[0]!.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().run.tenant_id).toBeNull();
    expect(response.json().referenced_tenant).toMatchObject({ tenant_id: null, tenant_name: null, lifecycle: null });
  });

  it('cancels a queued run once; a completed run answers 409; operators may not cancel', async () => {
    const tenantId = await insertTenant(harness.database, workspaceId, 'Cancel me');
    const started = (await verify(operator, tenantId)).json<{ run: { id: number } }>();
    expect((await bearer(harness.app, operator.token, 'POST', `/api/operations/${started.run.id}/cancel`)).statusCode).toBe(403);
    const cancelled = await bearer(harness.app, manager.token, 'POST', `/api/operations/${started.run.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().run).toMatchObject({ status: 'completed', outcome: 'cancelled' });
    expect(cancelled.json().run.completed_at).not.toBeNull();
    const again = await bearer(harness.app, manager.token, 'POST', `/api/operations/${started.run.id}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'operation.not_active' });
    expect(again.json().error.message).toContain('Cancelled');
    // With the old run cancelled, a new start creates a new run.
    const next = (await verify(operator, tenantId)).json<{ run: { id: number }; reused: boolean }>();
    expect(next.reused).toBe(false);
    expect(next.run.id).not.toBe(started.run.id);
  });

  it('stores the provider connection encrypted and never returns the secret', async () => {
    const path = `/api/tenants/${activeTenant}/provider-connection`;
    expect((await bearer(harness.app, readonly.token, 'GET', path)).json()).toEqual({ connection: null });
    const body = { client_id: '0aa1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b', client_secret: SECRET, entra_tenant_id: '11111111-2222-3333-4444-555555555555' };
    expect((await bearer(harness.app, operator.token, 'PUT', path, body)).statusCode).toBe(403);
    const saved = await bearer(harness.app, manager.token, 'PUT', path, body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({
      connection: {
        client_id: '0aa1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b',
        entra_tenant_id: '11111111-2222-3333-4444-555555555555',
        has_secret: true,
        updated_at: expect.any(String),
        // This tenant was verified before (a run of an earlier test), but not since this save.
        last_verification: expect.objectContaining({ after_last_save: false }),
      },
    });
    const read = await bearer(harness.app, readonly.token, 'GET', path);
    expect(read.json().connection).toMatchObject({ client_id: '0aa1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b', has_secret: true });
    for (const response of [saved, read]) expect(response.body).not.toContain(SECRET);
    const stored = await sql<{ client_secret: string }>`SELECT client_secret FROM provider_connections WHERE tenant_id = ${activeTenant}`.execute(harness.database.db);
    expect(stored.rows[0]!.client_secret).not.toContain(SECRET);
    const invalid = await bearer(harness.app, manager.token, 'PUT', path, { client_id: '0aa1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b', client_secret: '' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.field).toBe('client_secret');
  });

  it('lists the run types for any signed-in user and documents the routes', async () => {
    const types = await bearer(harness.app, readonly.token, 'GET', '/api/operation-types');
    expect(types.json().types).toEqual([
      { type: 'provider.verify', label: 'Verify provider connection' },
      { type: 'inventory.sync', label: 'Inventory sync' },
      { type: 'baseline.capture', label: 'Baseline capture' },
      { type: 'drift.scan', label: 'Drift scan' },
    ]);
    expect((await harness.app.inject({ method: 'GET', url: '/api/operation-types' })).statusCode).toBe(401);
    const openapi = (await harness.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    for (const path of [
      '/api/tenants/{tenant_id}/operations',
      '/api/tenants/{tenant_id}/operations/kpis',
      '/api/operations/{run_id}',
      '/api/operations/{run_id}/cancel',
      '/api/operation-types',
      '/api/tenants/{tenant_id}/provider-connection',
      '/api/tenants/{tenant_id}/provider-connection/verify',
      '/api/tenants/{tenant_id}/events',
    ]) {
      expect(openapi.paths, path).toHaveProperty([path]);
    }
  });
});
