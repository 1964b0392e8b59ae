import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoDrift } from '../../src/demo/demo-drift';
import { startDemoGraph } from '../../src/demo/demo-graph';
import { DEMO_EMAIL, seedDemoWorkspace } from '../../src/demo/seed-demo';
import type { GraphSim } from '../../src/graph-sim';
import { deriveKeys } from '../../src/security/secret-key';
import { bearer, TEST_SECRET_KEY } from '../support/test-app';
import { openEngineHarness, type EngineHarness } from '../support/operations-harness';
import { createApiToken } from '../../src/use-cases/accounts/create-api-token';

// What a new user sees first: the demo workspace of `npm start`, with runs that really executed against the
// in-process graph-sim, computed by the same queries as everything else.
describe('the demo workspace', () => {
  let harness: EngineHarness;
  let graph: GraphSim;
  let token: string;
  const log: string[] = [];

  beforeAll(async () => {
    graph = await startDemoGraph();
    harness = await openEngineHarness('pglite', { config: { graphUrl: graph.url, loginUrl: graph.url } });
    const seeded = await seedDemoWorkspace(harness.database.db, {
      log: (line) => log.push(line),
      password: 'demo-password-for-tests',
      encryptionKey: deriveKeys(TEST_SECRET_KEY).encryptionKey,
      queue: harness.engine.queue,
      graph: { tenants: graph.tenants, faults: graph.faults, makeDrift: (entraTenantId) => makeDemoDrift(graph, entraTenantId) },
    });
    expect(seeded?.email).toBe(DEMO_EMAIL);
    token = (await createApiToken(harness.database.db, { email: DEMO_EMAIL })).token;
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
    await graph?.close();
  });

  const tenants = async () => {
    const me = (await bearer(harness.app, token, 'GET', '/api/me')).json();
    const workspaceId = me.workspaces[0].id as number;
    return (await bearer(harness.app, token, 'GET', `/api/workspaces/${workspaceId}/tenants`)).json().tenants as Array<{
      id: number;
      workspace_id: number;
      name: string;
      status: string;
      lifecycle: { label: string; is_invalid_fallback: boolean };
      app_status: string | null;
    }>;
  };
  const runsOf = async (tenantId: number, type = 'provider.verify') =>
    (await bearer(harness.app, token, 'GET', `/api/tenants/${tenantId}/operations?type=${type}`)).json() as {
      runs: Array<{
        outcome: string;
        failure_summary: Array<{ code: string }>;
        retries: { count: number; by_cause: Record<string, number>; waited_seconds: number } | null;
        cancelled_by: { name: string } | null;
        context: Record<string, unknown> | null;
      }>;
      tab_counts: Record<string, number>;
    };

  it('has a tenant in every lifecycle state and one whose stored status is corrupt', async () => {
    const labels = (await tenants()).map((t) => t.lifecycle.label).sort();
    expect(labels).toEqual(['Active', 'Active', 'Archived', 'Draft', 'Invalid lifecycle', 'Onboarding']);
    const corrupt = (await tenants()).find((t) => t.lifecycle.is_invalid_fallback);
    expect(corrupt?.status).toBe('ACTIVE ');
  });

  it('says the workspace was created; the sign-in block itself is printed by serve (demo-sign-in.test.ts)', () => {
    expect(log.join('\n')).toContain(`sign in as ${DEMO_EMAIL}`);
    expect(log.join('\n')).not.toContain('demo-password-for-tests');
  });

  it('shows runs that really executed: successes (one through a 429), a cancelled one, and their KPIs', async () => {
    const contoso = (await tenants()).find((t) => t.name === 'Contoso Ltd')!;
    const { runs, tab_counts } = await runsOf(contoso.id);
    expect(runs.map((r) => r.outcome)).toEqual(['cancelled', 'succeeded', 'succeeded', 'succeeded']);
    expect(tab_counts).toMatchObject({ all: 4, active: 0, succeeded: 3, failed: 0 });
    expect(contoso.app_status).toBe('ok');
    const throttled = graph.stats.requests.filter((r) => r.status === 429);
    expect(throttled.length).toBe(1);
    // The throttled run shows its retry (not only the logs); the others none.
    expect(runs.filter((r) => r.retries !== null).map((r) => r.retries)).toEqual([{ count: 1, by_cause: { '429': 1 }, waited_seconds: expect.any(Number) }]);
    // The cancelled run names who cancelled it.
    expect(runs[0]?.cancelled_by).toEqual({ user_id: expect.any(Number), name: 'Demo Admin' });
    expect(runs.slice(1).every((r) => r.cancelled_by === null)).toBe(true);
    const kpis = (await bearer(harness.app, token, 'GET', `/api/tenants/${contoso.id}/operations/kpis`)).json();
    // 4 verifications, 3 syncs, a baseline capture and 2 scans; the second-to-last sync and the last scan partial.
    expect(kpis).toMatchObject({ total_runs_30d: 10, active_runs: 0, failed_or_partial_7d: 2 });
  });

  it('gives every active tenant a real inventory read from graph-sim, and Contoso a later sync that ended partial', async () => {
    for (const tenant of (await tenants()).filter((t) => ['active', 'archived'].includes(t.status))) {
      const kpis = (await bearer(harness.app, token, 'GET', `/api/tenants/${tenant.id}/inventory/kpis`)).json();
      expect(kpis.total_items, tenant.name).toBeGreaterThanOrEqual(24);
      expect(kpis.coverage_percent, tenant.name).toBeGreaterThan(0);
      const syncs = (await runsOf(tenant.id, 'inventory.sync')).runs;
      expect(syncs.length, tenant.name).toBeGreaterThan(0);
    }
    const contoso = (await tenants()).find((t) => t.name === 'Contoso Ltd')!;
    const syncs = (await runsOf(contoso.id, 'inventory.sync')).runs;
    expect(syncs.map((r) => r.outcome)).toEqual(['partial', 'succeeded', 'succeeded']);
    expect(syncs[0]!.failure_summary.map((entry) => entry.code)).toEqual(['graph.forbidden']);
    const coverage = (await bearer(harness.app, token, 'GET', `/api/tenants/${contoso.id}/inventory/coverage`)).json();
    expect(coverage.policy_types.find((row: { type: string }) => row.type === 'windowsDriverUpdateProfile')).toMatchObject({ last_sync_status: 'failed' });
    const item = (await bearer(harness.app, token, 'GET', `/api/tenants/${contoso.id}/inventory/items?policy_type=settingsCatalogPolicy&limit=1`)).json().items[0];
    const detail = (await bearer(harness.app, token, 'GET', `/api/tenants/${contoso.id}/inventory/items/${item.id}`)).json().item;
    expect(detail.settings.length).toBeGreaterThan(0);
    expect(detail.assignments.length).toBeGreaterThan(0);
  });

  it('shows drift a real scan found after policies changed in graph-sim, one accepted risk, and a scan with a gap', async () => {
    const contoso = (await tenants()).find((t) => t.name === 'Contoso Ltd')!;
    const dashboard = (await bearer(harness.app, token, 'GET', `/api/tenants/${contoso.id}/dashboard`)).json();
    const findings = dashboard.recent_findings as Array<{ kind: string; severity: string; status: string; closed_reason: string | null; subject_display_name: string; evidence: { changes: Array<{ path: string }> } }>;
    // Exactly the four edits made in the portal, nothing else (no false drift from the re-sync).
    expect(findings.map((f) => `${f.kind}:${f.severity}:${f.status}`).sort()).toEqual([
      'changed_policy:high:open',
      'changed_policy:medium:closed',
      'missing_policy:critical:open',
      'unexpected_policy:high:open',
    ]);
    const baselineChange = findings.find((f) => f.subject_display_name.startsWith('Windows - Security Baseline'))!;
    expect(baselineChange.evidence.changes.map((change) => change.path)).toEqual([
      'settings[device_vendor_msft_policy_config_remotedesktopservices_donotallowpasswordsaving].settingInstance.choiceSettingValue.value',
    ]);
    expect(findings.find((f) => f.status === 'closed')?.closed_reason).toBe('risk_accepted');
    expect(dashboard.drift).toMatchObject({ open_by_severity: { critical: 1, high: 2, medium: 0, low: 0 }, open_total: 3, stale: false, current_baseline: expect.any(Object) });
    // The partial scan and the partial sync went wrong in the last 7 days too; drift is "Partly scanned", never fresh.
    expect(dashboard.needs_attention.map((item: { kind: string; title: string }) => item.title)).toEqual([
      '1 open critical finding',
      '2 open high findings',
      'Drift scan was partial in the last 7 days',
      'Inventory sync was partial in the last 7 days',
    ]);
    expect(dashboard.drift.freshness).toMatchObject({ state: 'partial', label: 'Partly scanned' });
    // The last scan ran while the driver update profiles' sync had failed: partial, with that type as a gap.
    const [lastScan] = (await runsOf(contoso.id, 'drift.scan')).runs;
    expect(lastScan).toMatchObject({ outcome: 'partial', failure_summary: [expect.objectContaining({ code: 'drift.type_not_compared' })] });
    expect(lastScan!.context!['gaps']).toEqual([{ policy_type: 'windowsDriverUpdateProfile', reason: 'last_sync_failed', error_code: 'graph.forbidden' }]);
  });

  it('shows a stale tenant: synced but never baselined nor scanned, and its latest sync failed', async () => {
    const woodgrove = (await tenants()).find((t) => t.name === 'Woodgrove Bank')!;
    const dashboard = (await bearer(harness.app, token, 'GET', `/api/tenants/${woodgrove.id}/dashboard`)).json();
    expect(dashboard.drift).toMatchObject({ stale: true, last_scan_at: null, open_total: 0, current_baseline: null });
    expect(dashboard.needs_attention.map((item: { kind: string; title: string }) => item.title)).toEqual([
      'Inventory sync failed in the last 7 days',
      'Verify provider connection failed in the last 7 days',
      'Drift has never been scanned',
    ]);
    expect(dashboard.drift.freshness).toMatchObject({ state: 'never_scanned', label: 'Never scanned' });
    const portfolio = (await bearer(harness.app, token, 'GET', `/api/workspaces/${woodgrove.workspace_id}/portfolio?needs_attention=true`)).json();
    expect(portfolio.rows.map((row: { tenant: { name: string } }) => row.tenant.name)).toEqual(['Contoso Ltd', 'Woodgrove Bank']);
  });

  it('shows a failed run with its stable code for the tenant whose credentials Entra ID refused', async () => {
    const woodgrove = (await tenants()).find((t) => t.name === 'Woodgrove Bank')!;
    const { runs } = await runsOf(woodgrove.id);
    expect(runs.map((run) => run.outcome)).toEqual(['failed', 'succeeded']);
    expect(runs[0]).toMatchObject({ outcome: 'failed', failure_summary: [expect.objectContaining({ code: 'auth.failed' })] });
    expect(woodgrove.app_status).toBe('error');
  });

  it('keeps the run of the tenant archived afterwards, with its note on the run viewer', async () => {
    const tailspin = (await tenants()).find((t) => t.name === 'Tailspin Toys')!;
    expect(tailspin.status).toBe('archived');
    const runId = ((await runsOf(tailspin.id)).runs[0] as unknown as { id: number }).id;
    const viewer = (await bearer(harness.app, token, 'GET', `/api/operations/${runId}`)).json();
    expect(viewer.run.outcome).toBe('succeeded');
    expect(viewer.referenced_tenant.context_note).toMatch(/archived/);
  });

  it('is created only once: a second start leaves the data alone', async () => {
    const again = await seedDemoWorkspace(harness.database.db, {
      log: () => {},
      encryptionKey: Buffer.alloc(32),
      queue: harness.engine.queue,
      graph: null,
    });
    expect(again).toBeNull();
    expect(await tenants()).toHaveLength(6);
  });
});
