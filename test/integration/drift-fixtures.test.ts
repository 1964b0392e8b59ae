// Issue 7: drift without false drift, on the real OpenIntuneBaseline exports served by graph-sim, read by real
// inventory syncs and compared by real baseline captures and drift scans, on both databases. The policies are
// changed between syncs through graph-sim's HTTP control API, as a separate process (or a browser test) would.
import { sql } from 'kysely';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTenantFromDirectory, startGraphSim, type GraphSim, type SimTenant } from '../../src/graph-sim';
import { bearer, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets } from '../support/test-database';
import { eventually, insertTenant, openEngineHarness, type EngineHarness } from '../support/operations-harness';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtureDir = path.resolve(repoRoot, '../shared/fixtures/openintunebaseline');
const configurationPolicies = 'deviceManagement/configurationPolicies';
const compliancePolicies = 'deviceManagement/deviceCompliancePolicies';

interface Run {
  id: number;
  status: string;
  outcome: string;
  context: Record<string, unknown>;
  failure_summary: Array<{ code: string; message: string }>;
}
interface Finding {
  id: number;
  kind: string;
  severity: string;
  status: string;
  closed_reason: string | null;
  policy_type: string;
  subject_external_id: string;
  evidence: { changes: Array<{ path: string; area: string; change: string; baseline: unknown; current: unknown }> };
}
type Entity = Record<string, unknown> & { id: string };

describe.each(databaseTargets())('drift on the OpenIntuneBaseline fixtures (%s)', (target) => {
  let sim: GraphSim;
  let simTenant: SimTenant;
  let harness: EngineHarness;
  let operator: TestMember;
  let manager: TestMember;
  let tenantId: number;

  const simAdmin = async (method: string, body?: unknown, query = '') => {
    const response = await fetch(`${sim.url}/_sim/tenants/${simTenant.entra_tenant_id}/policies${query}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status >= 300 && response.status !== 204) throw new Error(`graph-sim ${method}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : ((await response.json()) as { policy?: Entity; policies?: Entity[] });
  };
  const policiesOf = async (resource: string) => (await simAdmin('GET', undefined, `?resource=${encodeURIComponent(resource)}`))!.policies!;

  const runOperation = async (path: string): Promise<Run> => {
    const started = await bearer(harness.app, operator.token, 'POST', `/api/tenants/${tenantId}/${path}`, {});
    expect(started.statusCode, started.body).toBe(202);
    const runId = started.json<{ run: { id: number } }>().run.id;
    return eventually(async () => {
      const run = (await bearer(harness.app, operator.token, 'GET', `/api/operations/${runId}`)).json<{ run: Run }>().run;
      return run.status === 'completed' ? run : undefined;
    }, `${path} to complete`);
  };
  const syncAndScan = async () => {
    const sync = await runOperation('inventory/sync');
    const scan = await runOperation('drift/scan');
    return { sync, scan };
  };
  const findings = async (query = '') =>
    (await bearer(harness.app, operator.token, 'GET', `/api/tenants/${tenantId}/findings?limit=100${query}`)).json<{ findings: Finding[] }>().findings;
  const openFindings = () => findings('&status=open');

  let settingsPolicy: Entity;
  let choice: { definition: string; value: string; other: string };

  beforeAll(async () => {
    simTenant = await loadTenantFromDirectory(fixtureDir, { onWarning: () => {} });
    sim = await startGraphSim({ tenants: [simTenant], pageSize: 5, maxPageSize: 4 });
    harness = await openEngineHarness(target, { config: { graphUrl: sim.url, loginUrl: sim.url } });
    await createTestWorkspace(harness.database, 'drift');
    manager = await createMember(harness.database, 'drift', 'manager@drift.example', 'manager');
    operator = await createMember(harness.database, 'drift', 'operator@drift.example', 'operator');
    const workspaceId = (await harness.database.db.selectFrom('workspaces').select('id').where('slug', '=', 'drift').executeTakeFirstOrThrow()).id;
    tenantId = await insertTenant(harness.database, workspaceId, 'OpenIntuneBaseline', 'active');
    const saved = await bearer(harness.app, manager.token, 'PUT', `/api/tenants/${tenantId}/provider-connection`, {
      client_id: simTenant.client_id, client_secret: simTenant.client_secret, entra_tenant_id: simTenant.entra_tenant_id,
    });
    expect(saved.statusCode).toBe(200);

    // A settings catalog policy (no template family) with a choice setting whose value can be flipped.
    for (const policy of await policiesOf(configurationPolicies)) {
      const family = (policy['templateReference'] as { templateFamily?: string } | undefined)?.templateFamily;
      if (family && family !== 'none') continue;
      const instance = ((policy['settings'] as Array<{ settingInstance: Record<string, unknown> }>) ?? [])
        .map((setting) => setting.settingInstance)
        .find((candidate) => typeof (candidate['choiceSettingValue'] as { value?: unknown } | undefined)?.value === 'string');
      if (!instance) continue;
      const value = (instance['choiceSettingValue'] as { value: string }).value;
      settingsPolicy = policy;
      choice = { definition: String(instance['settingDefinitionId']), value, other: value.endsWith('_1') ? `${value.slice(0, -2)}_0` : `${value}_changed` };
      break;
    }
    expect(choice, 'a settings catalog fixture with a choice setting').toBeDefined();
  });
  afterAll(async () => {
    await harness?.close();
    await sim?.close();
  });

  it('refuses to capture before any sync finished, and fails a scan without a baseline with a clear code', async () => {
    const refused = await bearer(harness.app, operator.token, 'POST', `/api/tenants/${tenantId}/baseline/capture`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'baseline.no_sync' } });
    const scan = await runOperation('drift/scan');
    expect(scan.outcome).toBe('failed');
    expect(scan.failure_summary[0]!.code).toBe('drift.no_baseline');
  });

  it('captures a baseline, and a re-sync of the unchanged tenant scans to zero findings', async () => {
    expect((await runOperation('inventory/sync')).outcome).toBe('succeeded');
    const capture = await runOperation('baseline/capture');
    expect(capture.outcome).toBe('succeeded');
    const baselines = (await bearer(harness.app, operator.token, 'GET', `/api/tenants/${tenantId}/baselines`)).json<{ baselines: Array<{ item_count: number; is_current: boolean }> }>().baselines;
    expect(baselines).toHaveLength(1);
    expect(baselines[0]).toMatchObject({ item_count: 25, is_current: true });
    const { scan } = await syncAndScan();
    expect(scan.outcome).toBe('succeeded');
    expect(scan.context['gaps']).toEqual([]);
    expect(await findings()).toEqual([]);
  });

  it('finds nothing after settings and assignments are reordered and ids, times, versions and annotations change', async () => {
    for (const resource of [configurationPolicies, compliancePolicies]) {
      for (const policy of await policiesOf(resource)) {
        const patch: unknown[] = [
          { op: 'add', path: '/lastModifiedDateTime', value: '2026-12-01T08:00:00Z' },
          { op: 'add', path: '/version', value: 42 },
          { op: 'add', path: '/@odata.etag', value: 'W/"new"' },
        ];
        if (Array.isArray(policy['settings'])) {
          const reordered = [...(policy['settings'] as Array<Record<string, unknown>>)].reverse().map((setting, index) => ({ ...setting, id: `renumbered-${index}` }));
          patch.push({ op: 'replace', path: '/settings', value: reordered });
        }
        if (Array.isArray(policy['assignments']) && policy['assignments'].length > 0) {
          const reordered = [...(policy['assignments'] as Array<Record<string, unknown>>)].reverse().map((assignment, index) => ({ ...assignment, id: `new-assignment-${index}` }));
          patch.push({ op: 'replace', path: '/assignments', value: reordered });
        }
        await simAdmin('PATCH', { resource, id: policy.id, patch });
      }
    }
    const { sync, scan } = await syncAndScan();
    expect(sync.outcome).toBe('succeeded');
    expect(scan.outcome).toBe('succeeded');
    expect(await findings()).toEqual([]);
  });

  let changedFindingId: number;

  it('reports one changed setting as exactly one changed_policy naming its path and both values', async () => {
    await simAdmin('PATCH', { resource: configurationPolicies, id: settingsPolicy.id, setting: { definition_id: choice.definition, value: choice.other } });
    await syncAndScan();
    const open = await openFindings();
    expect(open).toHaveLength(1);
    const finding = open[0]!;
    expect(finding).toMatchObject({ kind: 'changed_policy', severity: 'medium', policy_type: 'settingsCatalogPolicy', subject_external_id: settingsPolicy.id });
    // Stored as identities; the API adds the words for people (label, baseline_text, …: readable-names.test.ts).
    expect(finding.evidence.changes).toEqual([
      expect.objectContaining({ path: `settings[${choice.definition}].settingInstance.choiceSettingValue.value`, area: 'setting', change: 'changed', baseline: choice.value, current: choice.other }),
    ]);
    const stored = await sql<{ evidence: { changes: unknown[] } }>`SELECT evidence FROM findings WHERE id = ${finding.id}`.execute(harness.database.db);
    expect(stored.rows[0]!.evidence.changes).toEqual([
      { path: `settings[${choice.definition}].settingInstance.choiceSettingValue.value`, area: 'setting', change: 'changed', baseline: choice.value, current: choice.other },
    ]);
    changedFindingId = finding.id;
    // Seeing the same drift again updates the finding instead of adding one.
    await syncAndScan();
    expect((await findings()).map((f) => f.id)).toEqual([changedFindingId]);
  });

  it('resolves the finding when the change is reverted, and reopens the same finding when it comes back', async () => {
    await simAdmin('PATCH', { resource: configurationPolicies, id: settingsPolicy.id, setting: { definition_id: choice.definition, value: choice.value } });
    await syncAndScan();
    expect(await openFindings()).toEqual([]);
    expect((await findings()).find((f) => f.id === changedFindingId)).toMatchObject({ status: 'closed', closed_reason: 'resolved' });

    await simAdmin('PATCH', { resource: configurationPolicies, id: settingsPolicy.id, setting: { definition_id: choice.definition, value: choice.other } });
    await syncAndScan();
    expect((await openFindings()).map((f) => f.id)).toEqual([changedFindingId]);
  });

  it('leaves a finding closed as a false positive closed when a later scan sees the same drift', async () => {
    const closed = await bearer(harness.app, manager.token, 'POST', `/api/findings/${changedFindingId}/close`, { reason: 'false_positive', note: 'Pilot ring' });
    expect(closed.statusCode).toBe(200);
    await syncAndScan();
    expect((await findings()).find((f) => f.id === changedFindingId)).toMatchObject({ status: 'closed', closed_reason: 'false_positive' });
    expect(await openFindings()).toEqual([]);
  });

  it('reports a deleted policy as missing one severity step up, and a new one as unexpected', async () => {
    const compliance = (await policiesOf(compliancePolicies))[0]!;
    await simAdmin('DELETE', undefined, `?resource=${encodeURIComponent(compliancePolicies)}&id=${encodeURIComponent(compliance.id)}`);
    const added = { ...structuredClone(settingsPolicy), id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Added after the baseline' };
    await simAdmin('POST', { resource: configurationPolicies, policy: added });
    await syncAndScan();
    const open = await openFindings();
    expect(open.map((f) => [f.kind, f.policy_type, f.subject_external_id, f.severity]).sort()).toEqual(
      [
        ['missing_policy', 'deviceCompliancePolicy', compliance.id, 'critical'], // risk high → high, one step up
        ['unexpected_policy', 'settingsCatalogPolicy', added.id, 'medium'],
      ].sort(),
    );
  });

  it('compares nothing of a type whose sync failed: no finding for its policies, and the gap on the run', async () => {
    const before = (await openFindings()).map((f) => f.id).sort();
    // Every compliance policy disappears from Graph's answer — but the read fails, so it is a gap, not drift.
    for (const policy of await policiesOf(compliancePolicies)) {
      await simAdmin('DELETE', undefined, `?resource=${encodeURIComponent(compliancePolicies)}&id=${encodeURIComponent(policy.id)}`);
    }
    sim.faults.set(simTenant.entra_tenant_id, { kind: 'forbidden', pathPrefix: compliancePolicies });
    const { sync, scan } = await syncAndScan();
    sim.faults.clear();
    expect(sync.outcome).toBe('partial');
    expect(scan.outcome).toBe('partial');
    expect(scan.context['gaps']).toEqual([{ policy_type: 'deviceCompliancePolicy', reason: 'last_sync_failed', error_code: expect.any(String) }]);
    expect(scan.failure_summary.map((entry) => entry.code)).toEqual(['drift.type_not_compared']);
    expect(scan.failure_summary[0]!.message).toContain('Compliance policy');
    // The open findings are the ones from before: the earlier missing compliance policy stays open, untouched.
    expect((await openFindings()).map((f) => f.id).sort()).toEqual(before);
  });

  it('refuses to capture while the latest sync failed', async () => {
    for (const prefix of ['deviceManagement', 'deviceAppManagement', 'identity']) sim.faults.add(simTenant.entra_tenant_id, { kind: 'forbidden', pathPrefix: prefix });
    const sync = await runOperation('inventory/sync');
    sim.faults.clear();
    expect(sync.outcome).toBe('failed');
    const refused = await bearer(harness.app, operator.token, 'POST', `/api/tenants/${tenantId}/baseline/capture`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'baseline.latest_sync_failed' } });
  });
});
