// Issue 19: read Intune exactly as real Microsoft Graph serves it. The real OpenIntuneBaseline exports
// (../shared/fixtures) plus policies of the types the exports do not hold, shaped as Graph's beta metadata documents
// them, served by graph-sim in its faithful behaviour (its own catalog of Graph, src/graph-sim/graph-catalog.ts),
// read by real syncs and compared by real scans, on both databases. Each case names the behaviour of real Graph it
// rests on; each failed on the code before this issue (noted per case).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTenantFromDirectory, startGraphSim, type GraphSim, type SimEntity, type SimTenant } from '../../src/graph-sim';
import { bearer, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets } from '../support/test-database';
import { eventually, insertTenant, openEngineHarness, type EngineHarness } from '../support/operations-harness';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtureDir = path.resolve(repoRoot, '../shared/fixtures/openintunebaseline');

interface Run {
  id: number;
  status: string;
  outcome: string;
  context: Record<string, unknown>;
  failure_summary: Array<{ code: string; message: string; count: number }>;
}
interface Finding {
  kind: string;
  status: string;
  policy_type: string;
  subject_external_id: string;
  evidence: { changes: Array<{ path: string }> };
}
interface Item {
  id: number;
  external_id: string;
  policy_type: string;
  display_name: string;
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

// Graph beta: deviceManagementScript — scriptContent is returned only by GET of one script (learn.microsoft.com/graph/
// api/intune-shared-devicemanagementscript-get; the list page's example carries no body; IntuneCD backup_powershellScripts
// GETs each script by id).
const platformScript: SimEntity = {
  '@odata.type': '#microsoft.graph.deviceManagementScript',
  id: '6c4a6f37-2f43-4d1e-9d5b-1f0c8c0b3a11',
  displayName: 'Fidelity - Set time zone',
  description: '',
  scriptContent: base64('Set-TimeZone -Id "W. Europe Standard Time"\n'),
  runAsAccount: 'system',
  enforceSignatureCheck: false,
  fileName: 'set-timezone.ps1',
  runAs32Bit: false,
  roleScopeTagIds: ['0'],
  assignments: [],
};

// Graph beta: deviceHealthScript (remediations) — detectionScriptContent and remediationScriptContent likewise.
const remediation: SimEntity = {
  '@odata.type': '#microsoft.graph.deviceHealthScript',
  id: '0b0d6a2e-6a41-4b4b-8b53-2f1f6f3b9c22',
  displayName: 'Fidelity - Clear temp',
  description: '',
  publisher: 'Contoso IT',
  version: '1.0',
  runAsAccount: 'system',
  runAs32Bit: false,
  enforceSignatureCheck: false,
  isGlobalScript: false,
  detectionScriptContent: base64('if ((Get-ChildItem $env:TEMP).Count -gt 100) { exit 1 }\n'),
  remediationScriptContent: base64('Remove-Item $env:TEMP\\* -Recurse -Force\n'),
  roleScopeTagIds: ['0'],
  assignments: [],
};

// Graph beta: deviceShellScript (macOS) — scriptContent likewise.
const shellScript: SimEntity = {
  '@odata.type': '#microsoft.graph.deviceShellScript',
  id: '9f1e3c55-3a0e-4c1f-9a4d-6b7e8f9a0b33',
  displayName: 'Fidelity - macOS dock',
  description: '',
  scriptContent: base64('#!/bin/zsh\ndefaults write com.apple.dock autohide -bool true\n'),
  runAsAccount: 'user',
  fileName: 'dock.sh',
  executionFrequency: 'PT0S',
  retryCount: 1,
  blockExecutionNotifications: true,
  roleScopeTagIds: ['0'],
  assignments: [],
};

// Graph beta: deviceManagementIntent with its settings (deviceManagementSettingInstance: definitionId, valueJson) and
// assignments as child collections (IntuneManagement's EndpointSecurity reads intents/{id}/settings).
const intent: SimEntity = {
  '@odata.type': '#microsoft.graph.deviceManagementIntent',
  id: '4e2b5b0c-0f3b-4e0e-8a52-1c3e5d7f9a44',
  displayName: 'Fidelity - Firewall (intent)',
  description: '',
  isAssigned: false,
  templateId: '4356d05c-a4ab-4a07-9ece-739f7c792910',
  roleScopeTagIds: ['0'],
  settings: [
    { '@odata.type': '#microsoft.graph.deviceManagementBooleanSettingInstance', id: 's1', definitionId: 'deviceConfiguration--windows10EndpointProtectionConfiguration_firewallBlockStatefulFTP', valueJson: 'true', value: true },
    { '@odata.type': '#microsoft.graph.deviceManagementBooleanSettingInstance', id: 's2', definitionId: 'deviceConfiguration--windows10EndpointProtectionConfiguration_firewallIPSecExemptionsAllowNeighborDiscovery', valueJson: 'false', value: false },
  ],
  assignments: [],
};

// Graph beta: groupPolicyConfiguration → definitionValues (with definition) → presentationValues (with presentation):
// a relationship of the definition value, read per value (IntuneCD backup_groupPolicyConfiguration).
const adminTemplate: SimEntity = {
  '@odata.type': '#microsoft.graph.groupPolicyConfiguration',
  id: '7d3c1a9e-5b2f-4c6d-8e0f-1a2b3c4d5e55',
  displayName: 'Fidelity - Edge home page (ADMX)',
  description: '',
  roleScopeTagIds: ['0'],
  assignments: [],
  definitionValues: [{
    id: 'dv-homepage',
    enabled: true,
    configurationType: 'policy',
    definition: { id: 'def-homepage', displayName: 'Configure the home page URL', classType: 'machine', categoryPath: '\\Microsoft Edge\\Startup, home page and new tab page' },
    presentationValues: [{
      '@odata.type': '#microsoft.graph.groupPolicyPresentationValueText',
      id: 'pv-homepage',
      value: 'https://intranet.contoso.com',
      presentation: { '@odata.type': '#microsoft.graph.groupPolicyPresentationTextBox', id: 'pres-homepage', label: 'Home page URL' },
    }],
  }],
};

// Graph beta: deviceManagementCompliancePolicy (v2, settings catalog based; Linux).
const linuxCompliance: SimEntity = {
  '@odata.type': '#microsoft.graph.deviceManagementCompliancePolicy',
  id: '2a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c66',
  name: 'Fidelity - Linux compliance',
  description: '',
  platforms: 'linux',
  technologies: 'linuxMdm',
  roleScopeTagIds: ['0'],
  settings: [{
    id: '0',
    settingInstance: {
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
      settingDefinitionId: 'linux_distribution_alloweddistros',
      choiceSettingValue: { value: 'linux_distribution_alloweddistros_ubuntu', children: [] },
    },
  }],
  assignments: [],
  scheduledActionsForRule: [],
};

// Graph beta: windowsQualityUpdatePolicy (hotpatch).
const qualityUpdatePolicy: SimEntity = {
  '@odata.type': '#microsoft.graph.windowsQualityUpdatePolicy',
  id: '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e77',
  displayName: 'Fidelity - Hotpatch',
  description: '',
  hotpatchEnabled: true,
  roleScopeTagIds: ['0'],
  assignments: [],
};

// Graph beta: windowsDriverUpdateProfile with approvalType manual; the approvals are its driverInventories.
const driverProfile: SimEntity = {
  '@odata.type': '#microsoft.graph.windowsDriverUpdateProfile',
  id: '8e9f0a1b-2c3d-4e5f-8a6b-7c8d9e0f1a88',
  displayName: 'Fidelity - Drivers (manual)',
  description: '',
  approvalType: 'manual',
  deploymentDeferralInDays: 0,
  deviceReporting: 4,
  newUpdates: 1,
  roleScopeTagIds: ['0'],
  assignments: [],
  driverInventories: [
    { id: 'drv-intel', name: 'Intel Graphics', version: '31.0.101.5590', manufacturer: 'Intel', driverClass: 'Display', releaseDateTime: '2026-10-01T00:00:00Z', applicableDeviceCount: 4, approvalStatus: 'approved', category: 'recommended', deployDateTime: '2026-11-01T00:00:00Z' },
    { id: 'drv-realtek', name: 'Realtek Audio', version: '6.0.9600', manufacturer: 'Realtek', driverClass: 'Audio', releaseDateTime: '2026-09-01T00:00:00Z', applicableDeviceCount: 2, approvalStatus: 'needsReview', category: 'other' },
  ],
};

const addedPolicies: Array<[string, SimEntity, string]> = [
  ['deviceManagement/deviceManagementScripts', platformScript, 'deviceManagementScript'],
  ['deviceManagement/deviceHealthScripts', remediation, 'deviceHealthScript'],
  ['deviceManagement/deviceShellScripts', shellScript, 'deviceShellScript'],
  ['deviceManagement/intents', intent, 'endpointSecurityIntent'],
  ['deviceManagement/groupPolicyConfigurations', adminTemplate, 'groupPolicyConfiguration'],
  ['deviceManagement/compliancePolicies', linuxCompliance, 'compliancePolicyV2'],
  ['deviceManagement/windowsQualityUpdatePolicies', qualityUpdatePolicy, 'windowsQualityUpdatePolicy'],
  ['deviceManagement/windowsDriverUpdateProfiles', driverProfile, 'windowsDriverUpdateProfile'],
];

// What an app registration made for Intune reading holds: the Intune read permissions (and Policy.Read.All for
// Conditional Access) and nothing of the directory (no Organization.Read.All, no Group.Read.All). Names from each
// resource's List page (docs/PERMISSIONS.md).
const intuneOnlyPermissions = [
  'Policy.Read.All',
  'DeviceManagementConfiguration.Read.All',
  'DeviceManagementApps.Read.All',
  'DeviceManagementServiceConfig.Read.All',
  'DeviceManagementRBAC.Read.All',
  'DeviceManagementScripts.Read.All',
];

describe.each(databaseTargets())('reading Intune as real Graph serves it (%s)', (target) => {
  let sim: GraphSim;
  let simTenant: SimTenant;
  let harness: EngineHarness;
  let operator: TestMember;
  let tenantId: number;

  const runOperation = async (operation: string): Promise<Run> => {
    const started = await bearer(harness.app, operator.token, 'POST', `/api/tenants/${tenantId}/${operation}`, {});
    expect(started.statusCode, started.body).toBe(202);
    const runId = started.json<{ run: { id: number } }>().run.id;
    return eventually(async () => {
      const run = (await bearer(harness.app, operator.token, 'GET', `/api/operations/${runId}`)).json<{ run: Run }>().run;
      return run.status === 'completed' ? run : undefined;
    }, `${operation} to complete`, 60_000);
  };
  const openFindings = async () =>
    (await bearer(harness.app, operator.token, 'GET', `/api/tenants/${tenantId}/findings?limit=100&status=open`)).json<{ findings: Finding[] }>().findings;
  const allItems = async (): Promise<Item[]> => {
    const items: Item[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; next_cursor: string | null } = (
        await bearer(harness.app, operator.token, 'GET', `/api/tenants/${tenantId}/inventory/items?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      items.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    return items;
  };
  const itemPayload = async (externalId: string) => {
    const item = (await allItems()).find((candidate) => candidate.external_id === externalId);
    expect(item, externalId).toBeDefined();
    return (await bearer(harness.app, operator.token, 'GET', `/api/tenants/${tenantId}/inventory/items/${item!.id}`)).json<{ item: { payload: Record<string, unknown> } }>().item.payload;
  };

  beforeAll(async () => {
    simTenant = await loadTenantFromDirectory(fixtureDir, { onWarning: () => {} });
    simTenant.granted_permissions = [...intuneOnlyPermissions];
    sim = await startGraphSim({ tenants: [simTenant], pageSize: 5, maxPageSize: 4 });
    for (const [resource, entity] of addedPolicies) sim.addPolicy(simTenant.entra_tenant_id, resource, structuredClone(entity));
    harness = await openEngineHarness(target, { config: { graphUrl: sim.url, loginUrl: sim.url } });
    await createTestWorkspace(harness.database, 'fidelity');
    const manager = await createMember(harness.database, 'fidelity', 'manager@fidelity.example', 'manager');
    operator = await createMember(harness.database, 'fidelity', 'operator@fidelity.example', 'operator');
    const workspaceId = (await harness.database.db.selectFrom('workspaces').select('id').where('slug', '=', 'fidelity').executeTakeFirstOrThrow()).id;
    tenantId = await insertTenant(harness.database, workspaceId, 'OpenIntuneBaseline', 'active');
    const saved = await bearer(harness.app, manager.token, 'PUT', `/api/tenants/${tenantId}/provider-connection`, {
      client_id: simTenant.client_id, client_secret: simTenant.client_secret, entra_tenant_id: simTenant.entra_tenant_id,
    });
    expect(saved.statusCode).toBe(200);
  });
  afterAll(async () => {
    await harness?.close();
    await sim?.close();
  });

  // Failed before: every sync first read /organization, which needs Organization.Read.All.
  it('syncs every policy with the Intune read permissions alone, app protection with its apps and assignments', async () => {
    const sync = await runOperation('inventory/sync');
    expect(sync.failure_summary, JSON.stringify(sync.failure_summary)).toEqual([]);
    expect(sync.outcome).toBe('succeeded');
    const items = await allItems();
    for (const [, entity, type] of addedPolicies) {
      expect(items.find((item) => item.external_id === entity.id)?.policy_type, type).toBe(type);
    }
    // The app protection exports: assignments and apps live on the derived entity set (iosManagedAppProtections, …).
    const protections = items.filter((item) => item.policy_type === 'appProtectionPolicy');
    expect(protections.length).toBe(2);
    for (const protection of protections) {
      const payload = await itemPayload(protection.external_id);
      expect(Array.isArray(payload['apps']) && payload['apps'].length > 0, protection.display_name).toBe(true);
      expect(Array.isArray(payload['assignments']), protection.display_name).toBe(true);
    }
  });

  // Failed before: scriptContent and presentation values were never read, intents and the others not at all.
  it('stores script bodies, presentation values, intent settings and manual driver approvals', async () => {
    expect((await itemPayload(platformScript.id))['scriptContent']).toBe(platformScript['scriptContent']);
    expect((await itemPayload(remediation.id))['remediationScriptContent']).toBe(remediation['remediationScriptContent']);
    expect((await itemPayload(shellScript.id))['scriptContent']).toBe(shellScript['scriptContent']);
    const template = await itemPayload(adminTemplate.id);
    const value = (template['definitionValues'] as Array<{ presentationValues?: Array<{ value: string }> }>)[0]!;
    expect(value.presentationValues?.[0]?.value).toBe('https://intranet.contoso.com');
    expect((await itemPayload(intent.id))['settings']).toHaveLength(2);
    const drivers = (await itemPayload(driverProfile.id))['driverInventories'] as Array<{ approvalStatus: string }>;
    expect(drivers.map((driver) => driver.approvalStatus).sort()).toEqual(['approved', 'needsReview']);
  });

  // Failed before: deployedAppCount, a driver profile's reporting and the like change on every read of real Graph.
  it('finds no drift when only the values the service changes by itself changed between two reads', async () => {
    const capture = await runOperation('baseline/capture');
    expect(capture.outcome).toBe('succeeded');
    const sync = await runOperation('inventory/sync');
    expect(sync.outcome).toBe('succeeded');
    const scan = await runOperation('drift/scan');
    expect(scan.outcome).toBe('succeeded');
    expect(await openFindings()).toEqual([]);
  });

  // Failed before: a changed script body changed nothing TenantAtlas saw.
  it('finds an edited script body and an edited presentation value as drift', async () => {
    sim.updatePolicy(simTenant.entra_tenant_id, 'deviceManagement/deviceManagementScripts', platformScript.id, {
      scriptContent: base64('Set-TimeZone -Id "UTC"\n'),
    });
    const template = sim.tenant(simTenant.entra_tenant_id).policies['deviceManagement/groupPolicyConfigurations']!.find((entity) => entity.id === adminTemplate.id)!;
    const presentation = (template['definitionValues'] as Array<{ presentationValues: Array<{ value: string }> }>)[0]!.presentationValues[0]!;
    presentation.value = 'https://evil.example.com';
    expect((await runOperation('inventory/sync')).outcome).toBe('succeeded');
    expect((await runOperation('drift/scan')).outcome).toBe('succeeded');
    const findings = await openFindings();
    const script = findings.find((finding) => finding.subject_external_id === platformScript.id);
    expect(script?.kind).toBe('changed_policy');
    expect(script?.evidence.changes.map((change) => change.path)).toEqual(['scriptContent']);
    const admx = findings.find((finding) => finding.subject_external_id === adminTemplate.id);
    expect(admx?.kind).toBe('changed_policy');
    expect(admx?.evidence.changes.some((change) => change.path.includes('presentationValues'))).toBe(true);
    expect(findings).toHaveLength(2);
  });

  // Failed before: one failed child read (one policy's /settings) failed its whole type.
  it('fails only the policy whose settings could not be read: kept, not missing, its type partial', async () => {
    const policies = sim.tenant(simTenant.entra_tenant_id).policies['deviceManagement/configurationPolicies']!;
    const broken = policies[0]!;
    sim.faults.add(simTenant.entra_tenant_id, { kind: 'server_error', pathPrefix: `deviceManagement/configurationPolicies/${broken.id}/settings` });
    try {
      const before = (await allItems()).length;
      const sync = await runOperation('inventory/sync');
      expect(sync.outcome).toBe('partial');
      expect(sync.failure_summary).toHaveLength(1);
      expect(sync.failure_summary[0]!.message).toContain(String(broken['name']));
      const results = sync.context['type_results'] as Array<{ policy_type: string; status: string; failed_items?: Array<{ external_id: string }> }>;
      const failedTypes = results.filter((result) => result.status !== 'succeeded');
      expect(failedTypes).toHaveLength(1);
      expect(failedTypes[0]!.status).toBe('partial');
      expect(failedTypes[0]!.failed_items?.map((item) => item.external_id)).toEqual([broken.id]);
      expect((await allItems()).length).toBe(before);
      // The drift scan still compares the type: nothing of it is missing.
      expect((await runOperation('drift/scan')).outcome).toBe('succeeded');
      expect((await openFindings()).filter((finding) => finding.kind === 'missing_policy')).toEqual([]);
    } finally {
      sim.faults.clear(simTenant.entra_tenant_id);
    }
  });

  // Failed before: 429s were given up after four attempts, so a sync with 30 % of its requests throttled ended partial.
  // Graph's throttling guidance: honour Retry-After and retry (learn.microsoft.com/graph/throttling).
  it('completes a sync while 30 % of its requests are throttled', async () => {
    const seen = sim.stats.requests.length;
    // A burst longer than the old four attempts (Graph keeps answering 429 for as long as the tenant is over its limit),
    // then every third request Graph receives answered 429 (a third: more than 30 %), each with Retry-After.
    sim.faults.add(simTenant.entra_tenant_id, { kind: 'throttle', count: 6, retryAfterSeconds: 0, pathPrefix: 'deviceManagement/deviceCompliancePolicies' });
    sim.faults.add(simTenant.entra_tenant_id, { kind: 'throttle', every: 3, retryAfterSeconds: 0 });
    try {
      const sync = await runOperation('inventory/sync');
      expect(sync.failure_summary, JSON.stringify(sync.failure_summary)).toEqual([]);
      expect(sync.outcome).toBe('succeeded');
      const during = sim.stats.requests.slice(seen).filter((request) => !request.path.includes('oauth2') && !request.path.endsWith('/$batch'));
      expect(during.length).toBeGreaterThan(30);
      expect(during.filter((request) => request.status === 429).length).toBeGreaterThanOrEqual(Math.floor(during.length * 0.3));
    } finally {
      sim.faults.clear(simTenant.entra_tenant_id);
    }
  });

  // Failed before: Conditional Access allows one request per second per tenant and its 429s carry no Retry-After, so a
  // paged read of it was throttled page after page; the client now paces it.
  it('reads Conditional Access at one request per second: no page is throttled', async () => {
    for (let index = 0; index < 10; index += 1) {
      sim.addPolicy(simTenant.entra_tenant_id, 'identity/conditionalAccess/policies', {
        '@odata.type': '#microsoft.graph.conditionalAccessPolicy',
        id: `0000000${index}-ca00-4000-8000-00000000000${index}`,
        displayName: `Fidelity - CA ${index}`,
        state: 'enabledForReportingButNotEnforced',
        conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] } },
        grantControls: { operator: 'OR', builtInControls: ['mfa'] },
      });
    }
    const seen = sim.stats.requests.length;
    const sync = await runOperation('inventory/sync');
    expect(sync.outcome).toBe('succeeded');
    const conditionalAccess = sim.stats.requests.slice(seen).filter((request) => request.path.includes('identity/conditionalAccess'));
    expect(conditionalAccess.length).toBeGreaterThanOrEqual(3);
    expect(conditionalAccess.filter((request) => request.status === 429)).toEqual([]);
  });

  // Failed before: Graph's request-id / client-request-id and Intune's operation id were dropped, and no
  // client-request-id was sent, so nobody could quote a failed call to Microsoft (learn.microsoft.com/graph/errors).
  it('names the missing permission and keeps Graph\'s request ids and Intune\'s operation id in the failure summary', async () => {
    sim.tenant(simTenant.entra_tenant_id).granted_permissions = intuneOnlyPermissions.filter((permission) => permission !== 'DeviceManagementApps.Read.All');
    try {
      const sync = await runOperation('inventory/sync');
      expect(sync.outcome).toBe('partial');
      const entry = sync.failure_summary.find((failure) => failure.message.startsWith('App protection policy'));
      expect(entry, JSON.stringify(sync.failure_summary)).toBeDefined();
      expect(entry!.code).toBe('graph.forbidden');
      expect(entry!.message).toContain('DeviceManagementApps.Read.All');
      const guid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
      expect(entry!.message, entry!.message).toMatch(new RegExp(`request-id (and Intune activity id )?${guid}`));
      expect(entry!.message, entry!.message).toMatch(new RegExp(`client-request-id ${guid}`));
      expect(entry!.message, entry!.message).toMatch(new RegExp(`Intune operation id ${guid}`));
    } finally {
      sim.tenant(simTenant.entra_tenant_id).granted_permissions = [...intuneOnlyPermissions];
    }
  });
});
