import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTenantFromDirectory, startGraphSim, type GraphSim, type SimTenant } from '../../src/graph-sim';
import { bearer, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets } from '../support/test-database';
import { eventually, insertTenant, openEngineHarness, type EngineHarness } from '../support/operations-harness';

// The real exported policies of OpenIntuneBaseline (../shared/fixtures), served by graph-sim and read by a real
// inventory sync. The expected values are worked out here from the files themselves, not from product code:
// which folder holds which kind of policy, what each file's template family is, and the registry table of
// SPEC §7 for restore mode, risk and dependencies.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtureDir = path.resolve(repoRoot, '../shared/fixtures/openintunebaseline');

interface FixturePolicy {
  file: string;
  id: string;
  name: string;
  type: string;
  settings: unknown[] | null;
  assignments: unknown[];
}

/** UTF-16 LE with a byte-order mark, as the exporter wrote them (some files may be UTF-8). */
function decode(buffer: Buffer): string {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  return buffer.toString('utf8').replace(/^\uFEFF/, '');
}

function fixturePolicies(): FixturePolicy[] {
  const policies: FixturePolicy[] = [];
  const walk = (directory: string) => {
    for (const name of readdirSync(directory)) {
      const full = path.join(directory, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'NativeImport') walk(full); // the portal's import format, not Graph entities
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const entity = JSON.parse(decode(readFileSync(full))) as Record<string, unknown>;
      const folder = path.basename(path.dirname(full));
      const family = (entity['templateReference'] as { templateFamily?: string } | undefined)?.templateFamily;
      const type =
        folder === 'SettingsCatalog'
          ? !family || family === 'none'
            ? 'settingsCatalogPolicy'
            : family.startsWith('endpointSecurity')
              ? 'endpointSecurityPolicy'
              : 'securityBaselinePolicy'
          : folder === 'CompliancePolicies'
            ? 'deviceCompliancePolicy'
            : folder === 'AppProtection'
              ? 'appProtectionPolicy'
              : `unexpected folder ${folder}`;
      policies.push({
        file: path.relative(fixtureDir, full),
        id: String(entity['id']),
        name: String(entity['displayName'] ?? entity['name']),
        type,
        settings: Array.isArray(entity['settings']) ? entity['settings'] : null,
        assignments: Array.isArray(entity['assignments']) ? entity['assignments'] : [],
      });
    }
  };
  walk(fixtureDir);
  return policies;
}

function withoutMetadataLinks(element: unknown): unknown {
  if (typeof element !== 'object' || element === null) return element;
  return Object.fromEntries(Object.entries(element).filter(([key]) => !/^@odata\.(id|editLink)$|@odata\.(associationLink|navigationLink)$/.test(key)));
}

// SPEC §7, copied by hand: restore, risk (high or medium-high count as risk) and dependencies.
const registryByHand: Record<string, { restorable: boolean; partial: boolean; risk: boolean; dependencies: boolean }> = {
  settingsCatalogPolicy: { restorable: true, partial: false, risk: false, dependencies: true },
  endpointSecurityPolicy: { restorable: false, partial: true, risk: true, dependencies: true },
  securityBaselinePolicy: { restorable: false, partial: true, risk: true, dependencies: true },
  deviceCompliancePolicy: { restorable: true, partial: false, risk: true, dependencies: true },
  appProtectionPolicy: { restorable: true, partial: false, risk: false, dependencies: true },
};

describe.each(databaseTargets())('the OpenIntuneBaseline fixtures synced on %s', (target) => {
  let sim: GraphSim;
  let simTenant: SimTenant;
  let harness: EngineHarness;
  let reader: TestMember;
  let tenantId: number;
  const expected = fixturePolicies();

  beforeAll(async () => {
    simTenant = await loadTenantFromDirectory(fixtureDir, { onWarning: () => {} });
    sim = await startGraphSim({ tenants: [simTenant], pageSize: 5, maxPageSize: 4 });
    harness = await openEngineHarness(target, { config: { graphUrl: sim.url, loginUrl: sim.url } });
    await createTestWorkspace(harness.database, 'fixtures');
    const manager = await createMember(harness.database, 'fixtures', 'manager@fixtures.example', 'manager');
    reader = await createMember(harness.database, 'fixtures', 'reader@fixtures.example', 'readonly');
    const workspaceId = (await harness.database.db.selectFrom('workspaces').select('id').where('slug', '=', 'fixtures').executeTakeFirstOrThrow()).id;
    tenantId = await insertTenant(harness.database, workspaceId, 'OpenIntuneBaseline', 'active');
    const saved = await bearer(harness.app, manager.token, 'PUT', `/api/tenants/${tenantId}/provider-connection`, {
      client_id: simTenant.client_id, client_secret: simTenant.client_secret, entra_tenant_id: simTenant.entra_tenant_id,
    });
    expect(saved.statusCode).toBe(200);
    const operator = await createMember(harness.database, 'fixtures', 'operator@fixtures.example', 'operator');
    const started = await bearer(harness.app, operator.token, 'POST', `/api/tenants/${tenantId}/inventory/sync`, {});
    expect(started.statusCode).toBe(202);
    const runId = started.json<{ run: { id: number } }>().run.id;
    const run = await eventually(async () => {
      const view = (await bearer(harness.app, reader.token, 'GET', `/api/operations/${runId}`)).json<{ run: { status: string; outcome: string; failure_summary: unknown[] } }>().run;
      return view.status === 'completed' ? view : undefined;
    }, 'the fixture sync to complete');
    expect(run.failure_summary).toEqual([]);
    expect(run.outcome).toBe('succeeded');
  });
  afterAll(async () => {
    await harness?.close();
    await sim?.close();
  });

  const allItems = async () => {
    const items: Array<{ id: number; external_id: string; policy_type: string; display_name: string }> = [];
    let cursor: string | null = null;
    do {
      const page: { items: typeof items; next_cursor: string | null } = (
        await bearer(harness.app, reader.token, 'GET', `/api/tenants/${tenantId}/inventory/items?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      items.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    return items;
  };

  it('stores every Graph-format file once, as the type its folder and template family say', async () => {
    expect(expected.length).toBe(25);
    const items = await allItems();
    expect(items.map((item) => [item.external_id, item.policy_type, item.display_name]).sort()).toEqual(
      expected.map((policy) => [policy.id, policy.type, policy.name]).sort(),
    );
  });

  it('reads each settings catalog policy\'s settings and every policy\'s assignments completely', async () => {
    const items = await allItems();
    for (const policy of expected) {
      const item = items.find((candidate) => candidate.external_id === policy.id)!;
      const detail = (await bearer(harness.app, reader.token, 'GET', `/api/tenants/${tenantId}/inventory/items/${item.id}`)).json<{ item: { payload: Record<string, unknown>; settings: unknown[] } }>().item;
      if (policy.settings) {
        // Graph's default JSON (minimal metadata) has no per-element @odata.id / editLink / navigation links; the exporter
        // asked for full metadata. The settings themselves must be read whole.
        expect(detail.payload['settings'], policy.file).toEqual(policy.settings.map(withoutMetadataLinks));
        expect(detail.settings.length, policy.file).toBeGreaterThanOrEqual(policy.settings.length);
      }
      expect(detail.payload['assignments'] ?? [], policy.file).toEqual(policy.assignments);
    }
  });

  it('shows the header, chips and coverage the files add up to', async () => {
    const count = (predicate: (policy: FixturePolicy) => boolean) => expected.filter(predicate).length;
    const facts = (policy: FixturePolicy) => registryByHand[policy.type]!;
    const total = expected.length;
    const restorable = count((policy) => facts(policy).restorable);
    const kpis = (await bearer(harness.app, reader.token, 'GET', `/api/tenants/${tenantId}/inventory/kpis`)).json();
    expect(kpis).toMatchObject({
      total_items: total,
      coverage_percent: Math.round((restorable / total) * 1000) / 10,
      chips: {
        restorable,
        partial: count((policy) => facts(policy).partial),
        risk: count((policy) => facts(policy).risk),
        dependencies: count((policy) => facts(policy).dependencies),
      },
      last_sync: { status: 'succeeded' },
    });
    const coverage = (await bearer(harness.app, reader.token, 'GET', `/api/tenants/${tenantId}/inventory/coverage`)).json<{ policy_types: Array<{ type: string; item_count: number }> }>();
    for (const row of coverage.policy_types) expect(row.item_count, row.type).toBe(count((policy) => policy.type === row.type));
  });
});
