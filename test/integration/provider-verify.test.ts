import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphSim, type GraphSim } from '../../src/graph-sim';
import type { JobLogger } from '../../src/jobs/job-logger';
import { bearer, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets } from '../support/test-database';
import { eventually, insertTenant, openEngineHarness, type EngineHarness } from '../support/operations-harness';

// provider.verify end to end against graph-sim: save the connection, start the run over HTTP, let the
// in-process worker acquire a token and read /organization, and read the outcome back as a user would.
// Every response body and every log line of the engine is kept, and no secret may appear in any of them.
describe.each(databaseTargets())('provider.verify against graph-sim on %s', (target) => {
  let sim: GraphSim;
  let harness: EngineHarness;
  let workspaceId: number;
  let manager: TestMember;
  let operator: TestMember;
  const logLines: string[] = [];
  const bodies: string[] = [];
  const wrongSecret = 'Wr0ng~SecretValue9876543210abcdefghijkl';

  const capture: JobLogger = {
    debug: (fields, message) => logLines.push(JSON.stringify({ ...fields, message })),
    info: (fields, message) => logLines.push(JSON.stringify({ ...fields, message })),
    warn: (fields, message) => logLines.push(JSON.stringify({ ...fields, message })),
    error: (fields, message) => logLines.push(JSON.stringify({ ...fields, message })),
  };

  const call = async (member: TestMember, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const response = await bearer(harness.app, member.token, method, url, payload);
    bodies.push(response.body);
    return response;
  };

  /** Saves a connection, verifies, and returns the completed run as the run viewer shows it. */
  const verifyWith = async (tenantId: number, connection: { client_id: string; client_secret: string } | null) => {
    if (connection) expect((await call(manager, 'PUT', `/api/tenants/${tenantId}/provider-connection`, connection)).statusCode).toBe(200);
    const started = await call(operator, 'POST', `/api/tenants/${tenantId}/provider-connection/verify`);
    expect(started.statusCode).toBe(202);
    const runId = started.json<{ run: { id: number } }>().run.id;
    return eventually(async () => {
      const view = await call(operator, 'GET', `/api/operations/${runId}`);
      const run = view.json<{ run: { status: string; outcome: string; summary_counts: object; failure_summary: Array<{ code: string; message: string }> } }>().run;
      return run.status === 'completed' ? run : undefined;
    }, 'the verify run to complete');
  };

  beforeAll(async () => {
    sim = await startGraphSim();
    harness = await openEngineHarness(target, { config: { graphUrl: sim.url, loginUrl: sim.url }, log: capture });
    workspaceId = (await createTestWorkspace(harness.database, 'verify')).id;
    manager = await createMember(harness.database, 'verify', 'manager@verify.example', 'manager');
    operator = await createMember(harness.database, 'verify', 'operator@verify.example', 'operator');
  });
  afterAll(async () => {
    await harness?.close();
    await sim?.close();
  });

  it('succeeds with the right credentials and marks the tenant app status ok', async () => {
    const simTenant = sim.tenants[0]!;
    const tenantId = await insertTenant(harness.database, workspaceId, 'Good', 'active', simTenant.entra_tenant_id);
    const run = await verifyWith(tenantId, { client_id: simTenant.client_id, client_secret: simTenant.client_secret });
    expect(run).toMatchObject({ outcome: 'succeeded', summary_counts: { total: 1, processed: 1, succeeded: 1 }, failure_summary: [] });
    const tenant = (await call(operator, 'GET', `/api/tenants/${tenantId}`)).json().tenant;
    expect(tenant.app_status).toBe('ok');
    expect(tenant.status).toBe('active');
  });

  it('fails with auth.failed for a wrong secret and marks the tenant app status error', async () => {
    const simTenant = sim.tenants[1]!;
    const tenantId = await insertTenant(harness.database, workspaceId, 'Wrong secret', 'active', simTenant.entra_tenant_id);
    const run = await verifyWith(tenantId, { client_id: simTenant.client_id, client_secret: wrongSecret });
    expect(run.outcome).toBe('failed');
    expect(run.failure_summary).toHaveLength(1);
    expect(run.failure_summary[0]!.code).toBe('auth.failed');
    expect(run.failure_summary[0]!.message).toContain(simTenant.entra_tenant_id);
    expect((await call(operator, 'GET', `/api/tenants/${tenantId}`)).json().tenant.app_status).toBe('error');
  });

  it('fails with graph.throttled when Graph keeps throttling', async () => {
    const simTenant = sim.tenants[2]!;
    const tenantId = await insertTenant(harness.database, workspaceId, 'Throttled', 'active', simTenant.entra_tenant_id);
    sim.faults.set(simTenant.entra_tenant_id, { kind: 'throttle', retryAfterSeconds: 0 });
    try {
      const run = await verifyWith(tenantId, { client_id: simTenant.client_id, client_secret: simTenant.client_secret });
      expect(run.outcome).toBe('failed');
      expect(run.failure_summary[0]!.code).toBe('graph.throttled');
    } finally {
      sim.faults.clear(simTenant.entra_tenant_id);
    }
  });

  it('fails with provider.not_configured when no connection is saved', async () => {
    // Its own Entra tenant (ids are unique across the product); no connection, so the id is never used.
    const tenantId = await insertTenant(harness.database, workspaceId, 'Unconfigured', 'active', crypto.randomUUID());
    const run = await verifyWith(tenantId, null);
    expect(run.outcome).toBe('failed');
    expect(run.failure_summary[0]!.code).toBe('provider.not_configured');
  });

  it('never shows a client secret in a response, a failure summary or a log line', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(bodies.length).toBeGreaterThan(0);
    for (const secret of [...sim.tenants.map((tenant) => tenant.client_secret), wrongSecret]) {
      for (const body of bodies) expect(body).not.toContain(secret);
      for (const line of logLines) expect(line).not.toContain(secret);
    }
  });
});
