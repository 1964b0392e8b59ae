import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify, findPolicyType, policyTypes } from '../../src/domain/inventory';
import { startGraphSim, type GraphSim, type SimTenant } from '../../src/graph-sim';
import type { JobLogger } from '../../src/jobs/job-logger';
import { bearer, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets } from '../support/test-database';
import { eventually, insertTenant, openEngineHarness, type EngineHarness } from '../support/operations-harness';

// inventory.sync end to end against graph-sim: start over HTTP, let the in-process worker read every registry
// collection, and check what a user would: the items, the header's numbers and coverage computed by hand from
// what graph-sim serves, and the database itself for "unchanged items are not rewritten".
describe.each(databaseTargets())('inventory.sync against graph-sim on %s', (target) => {
  let sim: GraphSim;
  let harness: EngineHarness;
  let workspaceId: number;
  let operator: TestMember;
  let readonly: TestMember;
  const logLines: string[] = [];
  const bodies: string[] = [];
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

  type Run = { id: number; status: string; outcome: string; summary_counts: Record<string, number>; failure_summary: Array<{ code: string; message: string }>; context: Record<string, unknown> };

  const syncAndWait = async (tenantId: number, body?: unknown): Promise<Run> => {
    const started = await call(operator, 'POST', `/api/tenants/${tenantId}/inventory/sync`, body ?? {});
    expect(started.statusCode).toBe(202);
    const runId = started.json<{ run: { id: number } }>().run.id;
    return eventually(async () => {
      const run = (await call(readonly, 'GET', `/api/operations/${runId}`)).json<{ run: Run }>().run;
      return run.status === 'completed' ? run : undefined;
    }, 'the sync run to complete');
  };

  /** A tenant of the workspace connected to a graph-sim tenant. */
  const connectedTenant = async (name: string, simTenant: SimTenant, secret = simTenant.client_secret) => {
    // Entra tenant ids are unique per tenant row: the connection names the graph-sim tenant instead.
    const tenantId = await insertTenant(harness.database, workspaceId, name, 'active');
    const manager = await createMember(harness.database, 'inventory', `manager-${tenantId}@inventory.example`, 'manager');
    const saved = await bearer(harness.app, manager.token, 'PUT', `/api/tenants/${tenantId}/provider-connection`, { client_id: simTenant.client_id, client_secret: secret, entra_tenant_id: simTenant.entra_tenant_id });
    expect(saved.statusCode).toBe(200);
    return tenantId;
  };

  /** What graph-sim serves for the tenant, classified by hand: items per registry type. */
  const expectedCounts = (simTenant: SimTenant) => {
    const counts = new Map<string, number>();
    for (const [resource, entities] of Object.entries(simTenant.policies)) {
      for (const entity of entities) {
        const type = classify(resource, entity);
        if (type) counts.set(type, (counts.get(type) ?? 0) + 1);
      }
    }
    return counts;
  };

  const itemVersions = async (tenantId: number) => {
    const result = await sql<{ id: number; xmin: string }>`SELECT id, xmin::text AS xmin FROM inventory_items WHERE tenant_id = ${tenantId} ORDER BY id`.execute(harness.database.db);
    return result.rows;
  };

  beforeAll(async () => {
    // Graph caps pages: three entities per page, so every collection is read over several pages.
    sim = await startGraphSim({ pageSize: 7, maxPageSize: 3 });
    harness = await openEngineHarness(target, { config: { graphUrl: sim.url, loginUrl: sim.url }, log: capture });
    workspaceId = (await createTestWorkspace(harness.database, 'inventory')).id;
    operator = await createMember(harness.database, 'inventory', 'operator@inventory.example', 'operator');
    readonly = await createMember(harness.database, 'inventory', 'readonly@inventory.example', 'readonly');
  });
  afterAll(async () => {
    await harness?.close();
    await sim?.close();
  });

  it('reads every type into items and the header, coverage and chips equal what graph-sim serves', async () => {
    const simTenant = sim.tenants[0]!;
    const tenantId = await connectedTenant('Synced', simTenant);
    const run = await syncAndWait(tenantId);
    expect(run.failure_summary).toEqual([]);
    expect(run.outcome).toBe('succeeded');
    const expected = expectedCounts(simTenant);
    const total = [...expected.values()].reduce((sum, n) => sum + n, 0);
    expect(total).toBeGreaterThan(20);
    expect(run.summary_counts).toMatchObject({ total, created: total, updated: 0, unchanged: 0, removed: 0, failed: 0 });
    expect(run.context['progress']).toEqual({ types_done: policyTypes.length, types_total: policyTypes.length, items_read: total });
    // The generated tenant has one configuration policy of a family no registry type covers: skipped, by family.
    expect(run.summary_counts['skipped']).toBe(1);
    expect(run.context['skipped_families']).toEqual({ enrollmentConfiguration: 1 });
    const skipped = (await call(readonly, 'GET', `/api/tenants/${tenantId}/inventory/coverage`)).json<{ skipped_families: unknown }>().skipped_families;
    expect(skipped).toEqual([{ family: 'enrollmentConfiguration', count: 1 }]);

    const kpis = (await call(readonly, 'GET', `/api/tenants/${tenantId}/inventory/kpis`)).json();
    let restorable = 0, partial = 0, risk = 0, dependencies = 0;
    for (const [type, count] of expected) {
      const entry = findPolicyType(type)!;
      if (entry.restore === 'enabled') restorable += count;
      if (entry.restore === 'preview-only') partial += count;
      if (entry.risk === 'high' || entry.risk === 'medium-high') risk += count;
      if (entry.dependencies) dependencies += count;
    }
    expect(kpis).toMatchObject({
      total_items: total,
      coverage_percent: Math.round((restorable / total) * 1000) / 10,
      chips: { restorable, partial, risk, dependencies },
      last_sync: { status: 'succeeded', operation_run_id: run.id },
      active_operations: { all: 0, inventory_sync: 0 },
    });

    const coverage = (await call(readonly, 'GET', `/api/tenants/${tenantId}/inventory/coverage`)).json<{ policy_types: Array<{ type: string; item_count: number; last_sync_status: string }> }>();
    for (const row of coverage.policy_types) {
      expect(row.item_count, row.type).toBe(expected.get(row.type) ?? 0);
      expect(row.last_sync_status).toBe('succeeded');
    }

    // Paging through every item by name returns each once, in name order.
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ display_name: string; seen_in_last_sync: boolean }>; next_cursor: string | null } = (
        await call(readonly, 'GET', `/api/tenants/${tenantId}/inventory/items?limit=10${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      names.push(...page.items.map((item) => item.display_name));
      expect(page.items.every((item) => item.seen_in_last_sync)).toBe(true);
      cursor = page.next_cursor;
    } while (cursor);
    expect(names).toHaveLength(total);
    expect(names).toEqual([...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)));
  });

  it('writes no item row when re-syncing an unchanged tenant, and marks a policy deleted in Graph as not seen without deleting it', async () => {
    const simTenant = sim.tenants[1]!;
    const tenantId = await connectedTenant('Resynced', simTenant);
    const first = await syncAndWait(tenantId);
    expect(first.outcome).toBe('succeeded');
    const before = await itemVersions(tenantId);
    const second = await syncAndWait(tenantId);
    expect(second.outcome).toBe('succeeded');
    expect(second.summary_counts).toMatchObject({ created: 0, updated: 0, removed: 0, unchanged: before.length });
    expect(await itemVersions(tenantId)).toEqual(before);

    const [resource, entities] = Object.entries(simTenant.policies).find(([, list]) => list.length > 1)!;
    const gone = entities[0]!;
    sim.removePolicy(simTenant.entra_tenant_id, resource, gone.id);
    const third = await syncAndWait(tenantId);
    expect(third.summary_counts).toMatchObject({ removed: 1, created: 0, updated: 0 });
    const unseen = (await call(readonly, 'GET', `/api/tenants/${tenantId}/inventory/items?not_seen=true`)).json<{ items: Array<{ external_id: string; seen_in_last_sync: boolean; last_seen_sync_run_id: number }> }>();
    expect(unseen.items.map((item) => item.external_id)).toEqual([gone.id]);
    expect(unseen.items[0]!.seen_in_last_sync).toBe(false);
    const syncRuns = (await call(readonly, 'GET', `/api/tenants/${tenantId}/inventory/sync-runs`)).json<{ sync_runs: Array<{ id: number; operation_run_id: number }> }>();
    const secondSyncId = syncRuns.sync_runs.find((row) => row.operation_run_id === second.id)!.id;
    expect(unseen.items[0]!.last_seen_sync_run_id).toBe(secondSyncId);
    expect((await itemVersions(tenantId)).length).toBe(before.length);
  });

  it('ends partial when one collection fails: the other types are stored, the failed type untouched and not marked unseen', async () => {
    const simTenant = sim.tenants[2]!;
    const tenantId = await connectedTenant('Partly failing', simTenant);
    expect((await syncAndWait(tenantId)).outcome).toBe('succeeded');
    const complianceBefore = await sql<{ id: number; xmin: string }>`SELECT id, xmin::text AS xmin FROM inventory_items WHERE tenant_id = ${tenantId} AND policy_type = 'deviceCompliancePolicy' ORDER BY id`.execute(harness.database.db);
    expect(complianceBefore.rows.length).toBeGreaterThan(0);

    sim.removePolicy(simTenant.entra_tenant_id, 'deviceManagement/deviceCompliancePolicies', simTenant.policies['deviceManagement/deviceCompliancePolicies']![0]!.id);
    sim.faults.set(simTenant.entra_tenant_id, { kind: 'forbidden', pathPrefix: 'deviceManagement/deviceCompliancePolicies' });
    try {
      const run = await syncAndWait(tenantId);
      expect(run.outcome).toBe('partial');
      expect(run.summary_counts['failed']).toBe(1);
      expect(run.failure_summary.map((entry) => entry.code)).toEqual(['graph.forbidden']);
      expect(run.failure_summary[0]!.message).toContain('Compliance policy not read');
      const results = run.context['type_results'] as Array<{ policy_type: string; status: string }>;
      expect(results.filter((result) => result.status === 'failed').map((result) => result.policy_type)).toEqual(['deviceCompliancePolicy']);
    } finally {
      sim.faults.clear(simTenant.entra_tenant_id);
    }
    const complianceAfter = await sql<{ id: number; xmin: string }>`SELECT id, xmin::text AS xmin FROM inventory_items WHERE tenant_id = ${tenantId} AND policy_type = 'deviceCompliancePolicy' ORDER BY id`.execute(harness.database.db);
    expect(complianceAfter.rows).toEqual(complianceBefore.rows);
    const coverage = (await call(readonly, 'GET', `/api/tenants/${tenantId}/inventory/coverage`)).json<{ policy_types: Array<{ type: string; last_sync_status: string; last_error_code: string | null }> }>();
    expect(coverage.policy_types.find((row) => row.type === 'deviceCompliancePolicy')).toMatchObject({ last_sync_status: 'failed', last_error_code: 'graph.forbidden' });
    const kpis = (await call(readonly, 'GET', `/api/tenants/${tenantId}/inventory/kpis`)).json();
    expect(kpis.last_sync.status).toBe('partial');
  });

  it('completes through throttling of a third of all requests, honouring Retry-After, and shows the retries on the run', async () => {
    const simTenant = sim.tenants[0]!;
    const tenantId = await connectedTenant('Throttled', simTenant);
    const before = sim.stats.requests.length;
    sim.faults.set(simTenant.entra_tenant_id, { kind: 'throttle', every: 3, retryAfterSeconds: 1 });
    // The configuration policies (paged, with a settings request per policy) and the compliance policies.
    const selection = ['settingsCatalogPolicy', 'endpointSecurityPolicy', 'securityBaselinePolicy', 'deviceCompliancePolicy'];
    let run: Run & { retries: { count: number; by_cause: Record<string, number>; waited_seconds: number } | null };
    try {
      run = (await syncAndWait(tenantId, { policy_types: selection })) as typeof run;
    } finally {
      sim.faults.clear(simTenant.entra_tenant_id);
    }
    // Each request Graph counts (a JSON batch's sub-requests, not the batch envelope).
    const answered = sim.stats.requests.slice(before).filter((request) => request.entra_tenant_id === simTenant.entra_tenant_id && !request.path.endsWith('/$batch'));
    const throttled = answered.filter((request) => request.status === 429).length;
    expect(throttled).toBeGreaterThan(4);
    expect(throttled).toBeGreaterThanOrEqual(Math.floor(answered.length / 3) - 1);
    expect(run.outcome).toBe('succeeded');
    const counts = expectedCounts(simTenant);
    expect(run.summary_counts['total']).toBe(selection.reduce((sum, type) => sum + (counts.get(type) ?? 0), 0));
    expect(run.retries).toMatchObject({ count: throttled, by_cause: { '429': throttled } });
    expect(run.retries!.waited_seconds).toBeGreaterThanOrEqual(throttled * 0.99);
  }, 120_000);

  it('fails a type whose second page is malformed, leaving its stored items untouched, while the other types complete', async () => {
    const simTenant = sim.tenants[1]!;
    const tenantId = await connectedTenant('Malformed page', simTenant);
    expect((await syncAndWait(tenantId)).outcome).toBe('succeeded');
    const collection = 'deviceManagement/deviceConfigurations';
    expect(simTenant.policies[collection]!.length).toBeGreaterThan(3);
    const before = await sql<{ id: number; xmin: string }>`SELECT id, xmin::text AS xmin FROM inventory_items WHERE tenant_id = ${tenantId} AND policy_type IN ('deviceConfiguration', 'windowsUpdateRing') ORDER BY id`.execute(harness.database.db);
    // The second request of the collection (its second page) is cut off mid-body.
    sim.faults.set(simTenant.entra_tenant_id, { kind: 'malformed', every: 2, count: 1, pathPrefix: collection });
    sim.updatePolicy(simTenant.entra_tenant_id, collection, simTenant.policies[collection]![0]!.id, { displayName: 'Renamed on page one' });
    let run: Run;
    try {
      run = await syncAndWait(tenantId);
    } finally {
      sim.faults.clear(simTenant.entra_tenant_id);
    }
    expect(run.outcome).toBe('partial');
    expect(run.failure_summary.map((entry) => entry.code)).toEqual(['graph.malformed_response', 'graph.malformed_response']);
    expect(run.failure_summary.map((entry) => entry.message).join('\n')).toMatch(/Device configuration not read/);
    const failed = (run.context['type_results'] as Array<{ policy_type: string; status: string }>).filter((result) => result.status === 'failed');
    expect(failed.map((result) => result.policy_type).sort()).toEqual(['deviceConfiguration', 'windowsUpdateRing']);
    const after = await sql<{ id: number; xmin: string }>`SELECT id, xmin::text AS xmin FROM inventory_items WHERE tenant_id = ${tenantId} AND policy_type IN ('deviceConfiguration', 'windowsUpdateRing') ORDER BY id`.execute(harness.database.db);
    expect(after.rows).toEqual(before.rows);
    const renamed = (await call(readonly, 'GET', `/api/tenants/${tenantId}/inventory/items?q=Renamed`)).json<{ items: unknown[] }>();
    expect(renamed.items).toEqual([]);
    const staged = await sql<{ n: number }>`SELECT count(*)::int AS n FROM inventory_sync_staged`.execute(harness.database.db);
    expect(staged.rows[0]!.n).toBe(0);
  });

  it('fails with auth.failed before reading any type when the secret is wrong, and no secret appears anywhere', async () => {
    const simTenant = sim.tenants[0]!;
    const wrong = 'Wr0ng~InventorySecret1234567890abcdefgh';
    const tenantId = await connectedTenant('Wrong secret', simTenant, wrong);
    const requestsBefore = sim.stats.requests.length;
    const run = await syncAndWait(tenantId);
    expect(run.outcome).toBe('failed');
    expect(run.failure_summary.map((entry) => entry.code)).toEqual(['auth.failed']);
    const collectionReads = sim.stats.requests.slice(requestsBefore).filter((request) => request.path.includes('deviceManagement') || request.path.includes('deviceAppManagement'));
    expect(collectionReads).toEqual([]);
    const items = await sql<{ n: number }>`SELECT count(*)::int AS n FROM inventory_items WHERE tenant_id = ${tenantId}`.execute(harness.database.db);
    expect(items.rows[0]!.n).toBe(0);
    for (const text of [...bodies, ...logLines]) {
      expect(text).not.toContain(wrong);
      for (const tenant of sim.tenants) expect(text).not.toContain(tenant.client_secret);
    }
  });

  it('reuses the active sync of the same selection in any order, and refuses unknown types naming them', async () => {
    const simTenant = sim.tenants[1]!;
    const tenantId = await connectedTenant('Selections', simTenant);
    const unknown = await call(operator, 'POST', `/api/tenants/${tenantId}/inventory/sync`, { policy_types: ['roleScopeTag', 'madeUpType'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ field: 'policy_types' });
    expect(unknown.json().error.message).toContain('madeUpType');

    // The first sync is held at its credential check (a slow Graph), so the second start meets it active.
    sim.faults.set(simTenant.entra_tenant_id, { kind: 'slow', delayMs: 1500, pathPrefix: 'organization' });
    try {
      const first = await call(operator, 'POST', `/api/tenants/${tenantId}/inventory/sync`, { policy_types: ['roleScopeTag', 'assignmentFilter'] });
      const second = await call(operator, 'POST', `/api/tenants/${tenantId}/inventory/sync`, { policy_types: ['assignmentFilter', 'roleScopeTag', 'roleScopeTag'] });
      const all = await call(operator, 'POST', `/api/tenants/${tenantId}/inventory/sync`, {});
      const allNamed = await call(operator, 'POST', `/api/tenants/${tenantId}/inventory/sync`, { policy_types: [...policyTypes.map((entry) => entry.type)].reverse() });
      expect(first.statusCode).toBe(202);
      expect(second.json()).toMatchObject({ reused: true, run: { id: first.json().run.id } });
      expect(first.json().run.context.selection).toEqual({ policy_types: ['assignmentFilter', 'roleScopeTag'] });
      expect(all.json().reused).toBe(false);
      expect(allNamed.json()).toMatchObject({ reused: true, run: { id: all.json().run.id } });
    } finally {
      sim.faults.clear(simTenant.entra_tenant_id);
    }

    const readonlyStart = await call(readonly, 'POST', `/api/tenants/${tenantId}/inventory/sync`, {});
    expect(readonlyStart.statusCode).toBe(403);
  });
});
