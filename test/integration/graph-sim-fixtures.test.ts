import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/domain/inventory/classify-policy';
import { loadTenantFromDirectory, startGraphSim, type GraphSim, type SimTenant } from '../../src/graph-sim';
import { graphRequests, observedClient } from './graph-test-support';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtureDir = path.resolve(repoRoot, '../shared/fixtures/openintunebaseline');

const settingsCatalog = 'deviceManagement/configurationPolicies';
const compliance = 'deviceManagement/deviceCompliancePolicies';
const appProtection = 'deviceAppManagement/managedAppPolicies';

describe('OpenIntuneBaseline fixtures', () => {
  let tenant: SimTenant;
  let sim: GraphSim;
  const warnings: string[] = [];

  beforeAll(async () => {
    // A missing fixture directory is a broken checkout, not a reason to skip.
    expect(existsSync(fixtureDir), `fixtures expected at ${fixtureDir}`).toBe(true);
    tenant = await loadTenantFromDirectory(fixtureDir, { onWarning: (message) => warnings.push(message) });
    sim = await startGraphSim({ tenants: [tenant], pageSize: 5 });
  });
  afterAll(async () => sim?.close());

  it('loads every Graph entity and skips the NativeImport copies', () => {
    expect(tenant.policies[settingsCatalog]).toHaveLength(19);
    expect(tenant.policies[compliance]).toHaveLength(4);
    expect(tenant.policies[appProtection]).toHaveLength(2);
    const total = Object.values(tenant.policies).reduce((sum, items) => sum + items.length, 0);
    expect(total).toBe(25);
    expect(warnings).toEqual([]);
  });

  it('decodes UTF-16 and UTF-8 files alike', () => {
    const names = (tenant.policies[settingsCatalog] ?? []).map((entity) => entity['name']);
    expect(names).toContain('MacOS - OIB - Firewall - D - Gatekeeper - v1.0');
    expect(names).toContain('Win365 - OIB - Device Security - D - Resource Redirection - v1.0');
    const appNames = (tenant.policies[appProtection] ?? []).map((entity) => entity['displayName']);
    expect(appNames.sort()).toEqual(['Android - Baseline - BYOD - App Protection', 'iOS - Baseline - BYOD - App Protection']);
  });

  it('classifies the entities into the right policy types', () => {
    for (const entity of tenant.policies[settingsCatalog] ?? []) expect(classify(settingsCatalog, entity)).toBe('settingsCatalogPolicy');
    for (const entity of tenant.policies[compliance] ?? []) expect(classify(compliance, entity)).toBe('deviceCompliancePolicy');
    for (const entity of tenant.policies[appProtection] ?? []) expect(classify(appProtection, entity)).toBe('appProtectionPolicy');
  });

  it('drops single-entity response annotations but keeps @odata.type', () => {
    for (const entity of Object.values(tenant.policies).flat()) {
      expect(entity).not.toHaveProperty(['@odata.context']);
      expect(entity).not.toHaveProperty(['@odata.editLink']);
      expect(typeof entity['@odata.type']).toBe('string');
    }
  });

  it('serves the fixtures with paging to a Graph client', async () => {
    const { client } = observedClient(sim, tenant);
    sim.stats.reset();
    const policies = await client.list(settingsCatalog);
    expect(policies).toHaveLength(19);
    expect(graphRequests(sim, settingsCatalog)).toBe(4);
    expect(policies.map((policy) => classify(settingsCatalog, policy))).toEqual(Array(19).fill('settingsCatalogPolicy'));
    expect(await client.list(compliance)).toHaveLength(4);
    const apps = await client.list(appProtection);
    expect(apps.map((app) => classify(appProtection, app))).toEqual(['appProtectionPolicy', 'appProtectionPolicy']);
  });

  it('serves settings, assignments and scheduled actions only when expanded, and as paged sub-collections', async () => {
    const { client } = observedClient(sim, tenant, { version: 'beta' });
    const stored = (tenant.policies[settingsCatalog] ?? []).reduce((best, policy) =>
      ((policy['settings'] as unknown[]).length > (best['settings'] as unknown[]).length ? policy : best),
    );
    const plain = await client.list(settingsCatalog);
    expect(plain.every((policy) => !('settings' in policy) && !('assignments' in policy) && !('settings@odata.context' in policy))).toBe(true);
    expect(plain.every((policy) => Object.keys(policy).every((key) => !key.startsWith('#microsoft.graph.')))).toBe(true);

    const expanded = await client.list(`${settingsCatalog}?$expand=assignments,settings`);
    expect(expanded).toHaveLength(19);
    const largest = expanded.find((policy) => policy['id'] === stored.id)!;
    // Graph's default JSON (minimal metadata) carries no per-element @odata.id / editLink / navigation links; the export
    // (full metadata) does, so the comparison leaves them out.
    const minimal = (elements: unknown) => (elements as Array<Record<string, unknown>>).map((element) =>
      Object.fromEntries(Object.entries(element).filter(([key]) => !/^@odata\.(id|editLink)$|@odata\.(associationLink|navigationLink)$/.test(key))));
    expect(largest['settings']).toEqual(minimal(stored['settings']));
    expect(largest['assignments']).toEqual(minimal(stored['assignments'] ?? []));
    const settings = await client.list(`${settingsCatalog}/${stored.id}/settings`);
    expect(settings.length).toBeGreaterThan(5);
    expect(settings).toEqual(minimal(stored['settings']));

    const withActions = await client.list(`${compliance}?$expand=assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)`);
    const rules = withActions[0]!['scheduledActionsForRule'] as Array<Record<string, unknown>>;
    expect(Array.isArray(rules[0]!['scheduledActionConfigurations'])).toBe(true);
    const rulesOnly = await client.list(`${compliance}?$expand=scheduledActionsForRule`);
    expect((rulesOnly[0]!['scheduledActionsForRule'] as Array<Record<string, unknown>>)[0]).not.toHaveProperty('scheduledActionConfigurations');
    const error = await client.list(`${settingsCatalog}?$expand=definitionValues`).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ code: 'graph.bad_request', status: 400 });
  });
});

describe('OpenIntuneBaseline fixtures as real Graph serves them', () => {
  let tenant: SimTenant;
  let sim: GraphSim;
  let token: string;

  beforeAll(async () => {
    tenant = await loadTenantFromDirectory(fixtureDir, { onWarning: () => {} });
    sim = await startGraphSim({ tenants: [tenant], pageSize: 5 });
    const response = await fetch(`${sim.url}/${tenant.entra_tenant_id}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: tenant.client_id, client_secret: tenant.client_secret, scope: `${sim.url}/.default` }).toString(),
    });
    token = ((await response.json()) as { access_token: string }).access_token;
  });
  afterAll(async () => sim?.close());

  const get = async (path: string) => {
    const response = await fetch(`${sim.url}/beta/${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  // The BYOD exports were read from deviceAppManagement/iosManagedAppProtections(assignments(),apps()) — the derived
  // sets, where Graph's metadata puts apps and assignments (managedAppPolicy has no navigation properties).
  it('serves the app protection exports from their derived sets with apps and assignments, and through managedAppPolicies', async () => {
    const listed = (await get(appProtection)).body['value'] as Array<Record<string, unknown>>;
    expect(listed.map((policy) => policy['@odata.type']).sort()).toEqual(['#microsoft.graph.androidManagedAppProtection', '#microsoft.graph.iosManagedAppProtection']);
    for (const policy of listed) expect(Object.keys(policy).some((key) => key.startsWith('apps'))).toBe(false);
    const ios = listed.find((policy) => policy['@odata.type'] === '#microsoft.graph.iosManagedAppProtection')!;
    const read = await get(`deviceAppManagement/iosManagedAppProtections/${String(ios['id'])}?$expand=apps,assignments`);
    expect(read.status).toBe(200);
    const apps = read.body['apps'] as Array<Record<string, unknown>>;
    expect(apps.length).toBeGreaterThan(10);
    expect(apps[0]).toMatchObject({ '@odata.type': '#microsoft.graph.managedMobileApp', mobileAppIdentifier: { bundleId: expect.any(String) } });
    expect(apps[0]).not.toHaveProperty(['@odata.id']);
    expect(read.body['assignments']).toEqual([]);
    expect((await get(`${appProtection}?$expand=assignments`)).status).toBe(400);
  });

  // Exports carry no setting definitions: the loader models one per settingDefinitionId (a model, said so in its
  // description), so `settings?$expand=settingDefinitions` answers for fixture tenants as well.
  it('answers settings?$expand=settingDefinitions for every setting of the exports with modelled definitions', async () => {
    for (const policy of (tenant.policies[settingsCatalog] ?? []).slice(0, 5)) {
      const settings = (await get(`${settingsCatalog}/${policy.id}/settings?$expand=settingDefinitions`)).body['value'] as Array<Record<string, unknown>>;
      for (const setting of settings) {
        const root = (setting['settingInstance'] as { settingDefinitionId: string }).settingDefinitionId;
        const definitions = setting['settingDefinitions'] as Array<Record<string, unknown>>;
        expect(definitions[0]).toMatchObject({ id: root, displayName: expect.any(String), description: expect.stringContaining('modelled by graph-sim') });
      }
    }
    const choice = tenant.setting_definitions?.find((definition) => Array.isArray(definition['options']) && (definition['options'] as unknown[]).length > 0);
    expect(choice).toBeDefined();
    expect((await get(`deviceManagement/configurationSettings/${encodeURIComponent(choice!.id)}`)).body).toMatchObject({ id: choice!.id, options: choice!['options'] });
  });
});

describe('loading odd directories', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'graph-sim-odd-'));
    await mkdir(path.join(dir, 'CompliancePolicies'));
    await mkdir(path.join(dir, 'Unknown'));
    await mkdir(path.join(dir, 'NativeImport'));
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    await writeFile(path.join(dir, 'CompliancePolicies', 'a.json'), utf16(JSON.stringify({ '@odata.type': '#microsoft.graph.windows10CompliancePolicy', id: 'c1', displayName: 'A' })));
    // No @odata.type: the folder says what it is.
    await writeFile(path.join(dir, 'CompliancePolicies', 'b.json'), utf8Bom(JSON.stringify({ id: 'c2', displayName: 'B' })));
    await writeFile(path.join(dir, 'CompliancePolicies', 'dup.json'), JSON.stringify({ '@odata.type': '#microsoft.graph.iosCompliancePolicy', id: 'c1' }));
    // Intents are a collection Graph serves (deviceManagement/intents); a reusable policy setting is not one graph-sim serves.
    await writeFile(path.join(dir, 'Unknown', 'intent.json'), JSON.stringify({ '@odata.type': '#microsoft.graph.deviceManagementIntent', id: 'i1' }));
    await writeFile(path.join(dir, 'Unknown', 'reusable.json'), JSON.stringify({ '@odata.type': '#microsoft.graph.deviceManagementReusablePolicySetting', id: 'r1' }));
    await writeFile(path.join(dir, 'Unknown', 'broken.json'), '{"id": ');
    await writeFile(path.join(dir, 'Unknown', 'list.json'), '[]');
    await writeFile(path.join(dir, 'Unknown', 'noid.json'), JSON.stringify({ '@odata.type': '#microsoft.graph.roleScopeTag' }));
    await writeFile(path.join(dir, 'NativeImport', 'x.json'), JSON.stringify({ id: 'n1', name: 'portal import' }));
    await writeFile(path.join(dir, 'scope-tag.json'), JSON.stringify({ '@odata.type': '#microsoft.graph.roleScopeTag', id: '0', displayName: 'Default' }));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('keeps what it can map and warns about the rest without failing', async () => {
    const warnings: string[] = [];
    const tenant = await loadTenantFromDirectory(dir, { onWarning: (message) => warnings.push(message) });
    expect(tenant.policies['deviceManagement/deviceCompliancePolicies']?.map((entity) => entity.id)).toEqual(['c1', 'c2']);
    expect(tenant.policies['deviceManagement/roleScopeTags']?.map((entity) => entity.id)).toEqual(['0']);
    expect(tenant.policies['deviceManagement/intents']?.map((entity) => entity.id)).toEqual(['i1']);
    expect(warnings).toHaveLength(5);
    expect(warnings.join('\n')).toMatch(/dup\.json: duplicate id c1/);
    expect(warnings.join('\n')).toMatch(/reusable\.json: not an entity of a known policy collection/);
    expect(warnings.join('\n')).toMatch(/broken\.json: not valid JSON/);
    expect(warnings.join('\n')).not.toMatch(/NativeImport/);
  });

  it('gives the same directory the same tenant identity every time', async () => {
    const quiet = { onWarning: () => {} };
    const first = await loadTenantFromDirectory(dir, quiet);
    const second = await loadTenantFromDirectory(dir, quiet);
    expect(second.entra_tenant_id).toBe(first.entra_tenant_id);
    expect(first.entra_tenant_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second.client_secret).toBe(first.client_secret);
  });

  it('fails clearly when the directory does not exist', async () => {
    await expect(loadTenantFromDirectory(path.join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
  });
});
