// graph-sim answers as real Microsoft Graph answers (issue 19), asserted over real HTTP with raw requests (no client
// retries or paging in between). Each behaviour cites where Graph documents it or which client of real tenants shows it;
// the same sources are cited next to the behaviour in src/graph-sim.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoTenants, startGraphSim, type GraphSim, type SimEntity, type SimTenant } from '../../src/graph-sim';

let sim: GraphSim;
let tenant: SimTenant;
let clock = Date.parse('2025-03-01T10:00:00Z');

beforeAll(async () => {
  sim = await startGraphSim({ tenants: generateDemoTenants({ seed: 1, count: 2 }), pageSize: 5, now: () => clock });
  tenant = sim.tenants[0] as SimTenant;
});
afterAll(async () => sim.close());
afterEach(() => {
  sim.faults.clear();
  for (const each of sim.tenants) sim.configureTenant(each.entra_tenant_id, { granted_permissions: null, intune_licensed: true, volatile_changes: true, conditional_access_rate_limit: true });
});

const tokens = new Map<string, string>();
async function token(of: SimTenant = tenant): Promise<string> {
  const known = tokens.get(of.entra_tenant_id);
  if (known) return known;
  const response = await fetch(`${sim.url}/${of.entra_tenant_id}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: of.client_id, client_secret: of.client_secret, scope: `${sim.url}/.default` }).toString(),
  });
  const { access_token } = (await response.json()) as { access_token: string };
  tokens.set(of.entra_tenant_id, access_token);
  return access_token;
}

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function get(path: string, options: { version?: string; headers?: Record<string, string>; of?: SimTenant } = {}): Promise<Answer> {
  const url = path.startsWith('http') ? path : `${sim.url}/${options.version ?? 'beta'}/${path}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${await token(options.of)}`, ...options.headers } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const items = (answer: Answer) => answer.body['value'] as Array<Record<string, unknown>>;
const stored = (resource: string) => tenant.policies[resource] ?? [];
const first = (resource: string, where: (entity: SimEntity) => boolean = () => true) => {
  const found = stored(resource).find(where);
  if (!found) throw new Error(`the demo tenant has no matching ${resource}`);
  return found;
};
const errorOf = (answer: Answer) => answer.body['error'] as { code: string; message: string; innerError: Record<string, string> };

describe('request ids and error bodies', () => {
  // "Microsoft Graph error responses and resource types" (learn.microsoft.com/graph/errors): every error has code,
  // message and innerError {date, request-id, client-request-id}; the headers carry the same ids.
  it('puts request-id and client-request-id on every answer and echoes the client-request-id sent', async () => {
    const ok = await get('deviceManagement/roleScopeTags', { headers: { 'client-request-id': 'ta-1234' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.headers.get('client-request-id')).toBe('ta-1234');

    const failed = await get('deviceManagement/nothingHere', { headers: { 'client-request-id': 'ta-5678' } });
    expect(failed.status).toBe(400);
    expect(errorOf(failed)).toMatchObject({ code: 'BadRequest', message: "Resource not found for the segment 'nothingHere'." });
    expect(errorOf(failed).innerError).toEqual({ date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/), 'request-id': failed.headers.get('request-id'), 'client-request-id': 'ta-5678' });
  });

  it('uses the request id as client-request-id when the client sends none (as in the answers quoted in IntuneBackupAndRestore#55)', async () => {
    const answer = await get('deviceManagement/roleScopeTags');
    expect(answer.headers.get('client-request-id')).toBe(answer.headers.get('request-id'));
  });
});

describe('lazy properties', () => {
  // Script bodies come only with a GET of one script: IntuneBackupAndRestore's Invoke-IntuneBackupDeviceManagementScript
  // ("ScriptContent returns null, so we have to query Microsoft Graph for each script"), IntuneCD backup_powershellScripts /
  // backup_shellScripts / backup_proactiveRemediation GET each script by id.
  const cases: Array<[string, string[]]> = [
    ['deviceManagement/deviceManagementScripts', ['scriptContent']],
    ['deviceManagement/deviceShellScripts', ['scriptContent']],
    ['deviceManagement/deviceComplianceScripts', ['detectionScriptContent']],
    ['deviceManagement/deviceHealthScripts', ['detectionScriptContent', 'remediationScriptContent']],
  ];
  it.each(cases)('%s leaves %j out of lists and returns it on GET by id', async (resource, lazy) => {
    if (stored(resource).length === 0) sim.addPolicy(tenant.entra_tenant_id, resource, { id: `${resource}-x`, displayName: 'x', ...Object.fromEntries(lazy.map((name) => [name, 'ZWNobyBoaQ=='])) });
    const list = await get(`${resource}?$expand=assignments&$top=100`);
    expect(list.status).toBe(200);
    for (const item of items(list)) for (const name of lazy) expect(item).not.toHaveProperty(name);
    const one = items(list)[0]!;
    const single = await get(`${resource}/${String(one['id'])}`);
    for (const name of lazy) expect(Buffer.from(String(single.body[name]), 'base64').toString('utf8').length).toBeGreaterThan(0);
  });
});

describe('child collections', () => {
  // Intune pages child collections (settings, definition and presentation values, assignments, driver inventories) at
  // 25 whatever $top asks, with an @odata.nextLink while more remain (issue 19).
  it('pages a policy\'s settings at 25 whatever $top asks', async () => {
    const resource = 'deviceManagement/configurationPolicies';
    const settings = Array.from({ length: 60 }, (_, index) => ({
      id: String(index),
      settingInstance: {
        '@odata.type': '#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance',
        settingDefinitionId: `device_vendor_msft_policy_config_demo_setting${index}`,
        simpleSettingValue: { '@odata.type': '#microsoft.graph.deviceManagementConfigurationIntegerSettingValue', value: index },
      },
    }));
    sim.addPolicy(tenant.entra_tenant_id, resource, { id: 'sixty-settings', name: 'Sixty settings', templateReference: { templateFamily: 'none' }, settings });
    try {
      let page = await get(`${resource}/sixty-settings/settings?$top=100`);
      const sizes: number[] = [];
      for (;;) {
        sizes.push(items(page).length);
        const next = page.body['@odata.nextLink'];
        if (typeof next !== 'string') break;
        expect(next).toContain('$top=25');
        page = await get(next);
      }
      expect(sizes).toEqual([25, 25, 10]);
    } finally {
      sim.removePolicy(tenant.entra_tenant_id, resource, 'sixty-settings');
    }
  });
});

describe('volatile properties', () => {
  const twoReads = async (path: string) => [await get(path), await get(path)] as const;

  // windowsDriverUpdateProfile: deviceReporting, newUpdates, inventorySyncStatus are read-only counters of the service
  // (Graph beta resource windowsDriverUpdateProfile); a driver inventory's applicableDeviceCount likewise.
  it('changes a driver profile\'s deviceReporting / newUpdates / inventorySyncStatus between reads, and not with volatile_changes off', async () => {
    const profile = first('deviceManagement/windowsDriverUpdateProfiles');
    const path = `deviceManagement/windowsDriverUpdateProfiles/${profile.id}`;
    const reads = await Promise.all(Array.from({ length: 4 }, () => get(path)));
    const shapes = reads.map(({ body }) => JSON.stringify([body['deviceReporting'], body['newUpdates'], body['inventorySyncStatus']]));
    expect(new Set(shapes).size).toBeGreaterThan(1);
    sim.configureTenant(tenant.entra_tenant_id, { volatile_changes: false });
    const [a, b] = await twoReads(path);
    expect(a.body).toEqual({ ...b.body });
    expect(a.body['deviceReporting']).toBe(profile['deviceReporting']);
  });

  // deviceAndAppManagementAssignmentFilter.payloads: "Indicates associated assignments for a specific filter", computed
  // by the service from the assignments using the filter, in no promised order.
  it('derives an assignment filter\'s payloads from the assignments that use it', async () => {
    const used = new Set(Object.values(tenant.policies).flat().flatMap((policy) =>
      ((policy['assignments'] as Array<{ target: Record<string, unknown> }> | undefined) ?? []).map((assignment) => assignment.target['deviceAndAppManagementAssignmentFilterId'])));
    const filter = first('deviceManagement/assignmentFilters', (candidate) => used.has(candidate.id));
    const { body } = await get(`deviceManagement/assignmentFilters/${filter.id}`);
    const payloads = body['payloads'] as Array<{ payloadId: string; payloadType: string }>;
    expect(payloads.length).toBeGreaterThan(0);
    for (const payload of payloads) expect(Object.values(tenant.policies).flat().some((policy) => policy.id === payload.payloadId)).toBe(true);
  });

  // deployedAppCount: "Count of apps to which the current policy is deployed" (iosManagedAppProtection, read-only).
  it('changes deployedAppCount of app protection and managed app configuration between reads', async () => {
    const protection = first('deviceAppManagement/managedAppPolicies', (policy) => policy['@odata.type'] === '#microsoft.graph.iosManagedAppProtection');
    const counts = new Set<unknown>();
    for (let read = 0; read < 5; read += 1) counts.add((await get(`deviceAppManagement/iosManagedAppProtections/${protection.id}`)).body['deployedAppCount']);
    expect(counts.size).toBeGreaterThan(1);
  });

  // windowsUpdateForBusinessConfiguration: the pause expiry/start and rollback start values are runtime state the
  // service sets (beta resource page), not the administrator's settings.
  it('changes an update ring\'s pause and rollback runtime fields between reads, leaving its settings alone', async () => {
    const ring = first('deviceManagement/deviceConfigurations', (policy) => policy['@odata.type'] === '#microsoft.graph.windowsUpdateForBusinessConfiguration');
    const [a, b] = await twoReads(`deviceManagement/deviceConfigurations/${ring.id}`);
    expect(a.body['qualityUpdatesPauseExpiryDateTime']).not.toBe(b.body['qualityUpdatesPauseExpiryDateTime']);
    expect(a.body['qualityUpdatesDeferralPeriodInDays']).toBe(b.body['qualityUpdatesDeferralPeriodInDays']);
    expect(a.body['qualityUpdatesPaused']).toBe(b.body['qualityUpdatesPaused']);
  });

  // deviceEnrollmentConfiguration.priority: reordering one configuration (setPriority) renumbers the others.
  it('renumbers enrollment configurations when one is reordered, and lets priorities move between reads', async () => {
    const resource = 'deviceManagement/deviceEnrollmentConfigurations';
    for (const [id, priority] of [['esp-a', 5], ['esp-b', 6], ['esp-c', 7]] as const) {
      sim.addPolicy(tenant.entra_tenant_id, resource, { '@odata.type': '#microsoft.graph.deviceEnrollmentLimitConfiguration', id, displayName: id, priority, limit: 5 });
    }
    try {
      sim.configureTenant(tenant.entra_tenant_id, { volatile_changes: false });
      const reordered = await fetch(`${sim.url}/_sim/tenants/${tenant.entra_tenant_id}/enrollment-priority`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'esp-c', priority: 1 }) });
      expect(reordered.status).toBe(200);
      const after = items(await get(`${resource}?$top=100`));
      const priorities = Object.fromEntries(after.map((item) => [item['id'], item['priority']]));
      expect(priorities['esp-c']).toBe(1);
      expect(new Set(after.map((item) => item['priority'])).size).toBe(after.length);

      sim.configureTenant(tenant.entra_tenant_id, { volatile_changes: true });
      const [one, two] = [items(await get(`${resource}?$top=100`)), items(await get(`${resource}?$top=100`))];
      expect(one.map((item) => item['priority'])).not.toEqual(two.map((item) => item['priority']));
      expect([...one.map((item) => item['priority'])].sort()).toEqual([...two.map((item) => item['priority'])].sort());
    } finally {
      for (const id of ['esp-a', 'esp-b', 'esp-c']) sim.removePolicy(tenant.entra_tenant_id, resource, id);
    }
  });

  it('is deterministic: the same reads of the same tenant give the same values', async () => {
    const values = async () => {
      const other = await startGraphSim({ tenants: generateDemoTenants({ seed: 1, count: 1 }) });
      try {
        const only = other.tenants[0]!;
        const response = await fetch(`${other.url}/${only.entra_tenant_id}/oauth2/v2.0/token`, {
          method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: only.client_id, client_secret: only.client_secret, scope: `${other.url}/.default` }).toString(),
        });
        const { access_token } = (await response.json()) as { access_token: string };
        const list = await fetch(`${other.url}/beta/deviceManagement/windowsDriverUpdateProfiles`, { headers: { authorization: `Bearer ${access_token}` } });
        return ((await list.json()) as { value: unknown[] }).value;
      } finally {
        await other.close();
      }
    };
    expect(await values()).toEqual(await values());
  });
});

describe('permissions', () => {
  // Intune's 403 (jseerden/IntuneBackupAndRestore#55, microsoft-graph-docs-contrib#87): code Forbidden, the message a
  // JSON text with _version 3 whose Message names the scopes and the operation id, plus innerError.
  it('refuses an Intune read without its permission in Intune\'s words, naming the scopes and an operation id', async () => {
    sim.setGrantedPermissions(tenant.entra_tenant_id, ['DeviceManagementConfiguration.Read.All']);
    const refused = await get('deviceAppManagement/managedAppPolicies');
    expect(refused.status).toBe(403);
    const error = errorOf(refused);
    expect(error.code).toBe('Forbidden');
    const inner = JSON.parse(error.message) as Record<string, unknown>;
    expect(inner).toMatchObject({ _version: 3, CustomApiErrorPhrase: '', RetryAfter: null, ErrorSourceService: '', HttpHeaders: '{}' });
    expect(inner['Message']).toMatch(/^Application is not authorized to perform this operation\. Application must have one of the following scopes: DeviceManagementApps\.Read\.All, DeviceManagementApps\.ReadWrite\.All - Operation ID \(for customer support\): [0-9a-f-]{36} - Activity ID: [0-9a-f-]{36} - Url: https:\/\/.+$/);
    expect(error.message).toContain('\r\n');
    expect(error.innerError['request-id']).toBe(refused.headers.get('request-id'));
    // The granted one is enough for the configuration sets (either Read.All or ReadWrite.All would be).
    expect((await get('deviceManagement/configurationPolicies')).status).toBe(200);
  });

  // GET /organization needs Organization.Read.All (or Directory.Read.All, …) — organization-get, Application
  // permissions; the directory's refusal is 403 Authorization_RequestDenied "Insufficient privileges to complete the operation."
  it('refuses /organization and groups without a directory permission, and serves them with one', async () => {
    sim.setGrantedPermissions(tenant.entra_tenant_id, ['DeviceManagementConfiguration.Read.All']);
    for (const path of ['organization', `groups/${tenant.groups![0]!.id}`]) {
      const refused = await get(path, { version: 'v1.0' });
      expect(refused.status).toBe(403);
      expect(errorOf(refused)).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
    }
    sim.setGrantedPermissions(tenant.entra_tenant_id, ['Organization.Read.All', 'GroupMember.Read.All']);
    expect((await get('organization', { version: 'v1.0' })).status).toBe(200);
    expect((await get(`groups/${tenant.groups![0]!.id}`, { version: 'v1.0' })).status).toBe(200);
  });

  // Conditional Access without Policy.Read.All: 403 AccessDenied "You cannot perform the requested operation, required
  // scopes are missing in the token." (AlexFilipin/ConditionalAccess#10, Microsoft365DSC#3556).
  it('refuses Conditional Access without Policy.Read.All as Graph does', async () => {
    sim.setGrantedPermissions(tenant.entra_tenant_id, ['Organization.Read.All']);
    const refused = await get('identity/conditionalAccess/policies', { version: 'v1.0' });
    expect(refused.status).toBe(403);
    expect(errorOf(refused)).toMatchObject({ code: 'AccessDenied', message: 'You cannot perform the requested operation, required scopes are missing in the token.' });
  });

  it('can be changed by another process over /_sim', async () => {
    const admin = (method: string, body?: unknown) => fetch(`${sim.url}/_sim/tenants/${tenant.entra_tenant_id}/settings`, {
      method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const put = await admin('PUT', { granted_permissions: ['DeviceManagementApps.Read.All'] });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { settings: Record<string, unknown> }).settings).toMatchObject({ granted_permissions: ['DeviceManagementApps.Read.All'], intune_licensed: true });
    expect((await get('deviceManagement/configurationPolicies')).status).toBe(403);
    expect((await get('deviceAppManagement/managedAppPolicies')).status).toBe(200);
    await admin('PUT', { granted_permissions: null });
    expect((await get('deviceManagement/configurationPolicies')).status).toBe(200);
    expect((await admin('PUT', { granted: 'everything' })).status).toBe(400);
  });
});

describe('Intune licence', () => {
  // "The Microsoft Graph API for Intune requires an active Intune license for the tenant" (every Intune resource page);
  // unlicensed tenants get 400 "Request not applicable to target tenant." (msgraph-beta-sdk-go#198), which Microsoft365DSC's
  // Intune resources catch as "The current tenant is not registered for Intune" (PR #3020) and CIPP as a missing licence.
  it('answers Intune endpoints of an unlicensed tenant with "Request not applicable to target tenant."', async () => {
    sim.configureTenant(tenant.entra_tenant_id, { intune_licensed: false, conditional_access_rate_limit: false });
    const refused = await get('deviceManagement/deviceConfigurations');
    expect(refused.status).toBe(400);
    expect(errorOf(refused)).toMatchObject({ code: 'BadRequest', message: 'Request not applicable to target tenant.' });
    // Entra ID is not Intune: the directory and Conditional Access still answer.
    expect((await get('organization', { version: 'v1.0' })).status).toBe(200);
    expect((await get('identity/conditionalAccess/policies', { version: 'v1.0' })).status).toBe(200);
  });
});

describe('throttling', () => {
  // Conditional Access: one request per second per tenant, faster ones 429 without Retry-After (issue 19;
  // hashicorp/terraform-provider-azuread#1784 "the graph api only allows 1 request per second"; body as in IntuneCD#64).
  it('allows Conditional Access one request per second per tenant and answers faster ones 429 without Retry-After', async () => {
    clock += 5_000;
    const path = 'identity/conditionalAccess/policies';
    expect((await get(path, { version: 'v1.0' })).status).toBe(200);
    const fast = await get(path, { version: 'v1.0' });
    expect(fast.status).toBe(429);
    expect(fast.headers.get('retry-after')).toBeNull();
    expect(errorOf(fast)).toMatchObject({ code: 'TooManyRequests', message: 'Too many requests.' });
    // Another tenant has its own allowance; Intune endpoints are not limited by it.
    expect((await get(path, { version: 'v1.0', of: sim.tenants[1] })).status).toBe(200);
    expect((await get('deviceManagement/roleScopeTags')).status).toBe(200);
    clock += 1_000;
    expect((await get(path, { version: 'v1.0' })).status).toBe(200);
  });

  // A throttling mode with Retry-After: a seeded fraction of requests answered 429 Retry-After: 1; Intune's 429 is its
  // JSON-in-a-message error (IntuneCD#217) and the client should wait the Retry-After (IntuneCD#65).
  it('throttles a seeded fraction of requests with Retry-After, the same ones every time', async () => {
    const run = async () => {
      sim.faults.set(tenant.entra_tenant_id, { kind: 'throttle', fraction: 0.3, retryAfterSeconds: 1, seed: 'fidelity' });
      const answers: Answer[] = [];
      for (let index = 0; index < 40; index += 1) answers.push(await get('deviceManagement/configurationPolicies'));
      return answers;
    };
    const answers = await run();
    const throttled = answers.filter((answer) => answer.status === 429);
    expect(throttled.length).toBeGreaterThan(5);
    expect(throttled.length).toBeLessThan(20);
    for (const answer of throttled) {
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(errorOf(answer).code).toBe('TooManyRequests');
      expect(JSON.parse(errorOf(answer).message)).toMatchObject({ _version: 3, Message: expect.stringContaining('Operation ID (for customer support):') });
    }
    expect((await run()).map((answer) => answer.status)).toEqual(answers.map((answer) => answer.status));
  });
});

describe('app policies: base set and derived sets', () => {
  // managedAppPolicy has no navigation properties ("Relationships: None", resources/intune-mam-managedapppolicy; beta
  // metadata); assignments and apps are on the derived types, each with its own entity set.
  it('refuses $expand=assignments on managedAppPolicies as OData does', async () => {
    const refused = await get('deviceAppManagement/managedAppPolicies?$expand=assignments');
    expect(refused.status).toBe(400);
    expect(errorOf(refused).message).toBe("Could not find a property named 'assignments' on type 'microsoft.graph.managedAppPolicy'.");
  });

  it('lists every derived policy in the base set, including targetedManagedAppConfiguration, without navigation properties', async () => {
    const listed = items(await get('deviceAppManagement/managedAppPolicies?$top=100'));
    expect(listed.map((policy) => policy['@odata.type'])).toEqual(expect.arrayContaining(['#microsoft.graph.iosManagedAppProtection', '#microsoft.graph.androidManagedAppProtection', '#microsoft.graph.targetedManagedAppConfiguration']));
    for (const policy of listed) {
      expect(policy).not.toHaveProperty('apps');
      expect(policy).not.toHaveProperty('assignments');
    }
  });

  it('serves each derived policy from its own set with $expand=apps,assignments, and only its own type there', async () => {
    for (const [set, odataType] of [['iosManagedAppProtections', 'iosManagedAppProtection'], ['androidManagedAppProtections', 'androidManagedAppProtection'], ['targetedManagedAppConfigurations', 'targetedManagedAppConfiguration']]) {
      const policy = first('deviceAppManagement/managedAppPolicies', (candidate) => candidate['@odata.type'] === `#microsoft.graph.${odataType}`);
      const read = await get(`deviceAppManagement/${set}/${policy.id}?$expand=apps,assignments`);
      expect(read.status, set).toBe(200);
      expect((read.body['apps'] as unknown[]).length, set).toBeGreaterThan(0);
      expect((read.body['assignments'] as unknown[]).length, set).toBeGreaterThan(0);
      const listed = items(await get(`deviceAppManagement/${set}?$top=100`));
      expect(listed.every((item) => item['@odata.type'] === `#microsoft.graph.${odataType}`)).toBe(true);
    }
    const android = first('deviceAppManagement/managedAppPolicies', (candidate) => candidate['@odata.type'] === '#microsoft.graph.androidManagedAppProtection');
    expect((await get(`deviceAppManagement/iosManagedAppProtections/${android.id}`)).status).toBe(404);
  });

  // windowsInformationProtection declares assignments, exemptAppLockerFiles and protectedAppLockerFiles — no `apps`.
  it('refuses $expand=apps on the Windows information protection sets (their type has no apps)', async () => {
    const refused = await get('deviceAppManagement/windowsInformationProtectionPolicies?$expand=apps,assignments');
    expect(refused.status).toBe(400);
    expect(errorOf(refused).message).toBe("Could not find a property named 'apps' on type 'microsoft.graph.windowsInformationProtectionPolicy'.");
    expect((await get('deviceAppManagement/mdmWindowsInformationProtectionPolicies?$expand=assignments')).status).toBe(200);
  });
});

describe('setting definitions', () => {
  // deviceManagementConfigurationSetting.settingDefinitions (beta metadata): `settings?$expand=settingDefinitions`
  // carries the definitions of every settingDefinitionId in the instance tree; IntuneManagement reads it so.
  it('expands settingDefinitions with display names and option labels, and serves configurationSettings/{id}', async () => {
    const policy = first('deviceManagement/configurationPolicies', (candidate) => String(candidate['name']).startsWith('Windows - Security Baseline'));
    const settings = items(await get(`deviceManagement/configurationPolicies/${policy.id}/settings?$expand=settingDefinitions`));
    const definitionId = 'device_vendor_msft_policy_config_remotedesktopservices_donotallowpasswordsaving';
    const setting = settings.find((candidate) => (candidate['settingInstance'] as Record<string, unknown>)['settingDefinitionId'] === definitionId)!;
    const [definition] = setting['settingDefinitions'] as Array<Record<string, unknown>>;
    expect(definition).toMatchObject({
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingDefinition',
      id: definitionId,
      displayName: 'Do not allow passwords to be saved',
      options: [{ itemId: `${definitionId}_0`, displayName: 'Disabled' }, { itemId: `${definitionId}_1`, displayName: 'Enabled' }],
    });
    const bare = items(await get(`deviceManagement/configurationPolicies/${policy.id}/settings`));
    expect(bare[0]).not.toHaveProperty('settingDefinitions');
    const single = await get(`deviceManagement/configurationSettings/${encodeURIComponent(definitionId)}`);
    expect(single.body).toMatchObject({ id: definitionId, displayName: 'Do not allow passwords to be saved' });
    expect((await get('deviceManagement/configurationSettings/nope')).status).toBe(404);
  });

  it('expands the definitions of a group setting\'s children (v2 Linux compliance)', async () => {
    const policy = first('deviceManagement/compliancePolicies');
    const listed = items(await get('deviceManagement/compliancePolicies?$expand=assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)'));
    expect(listed[0]!['scheduledActionsForRule']).toEqual([expect.objectContaining({ scheduledActionConfigurations: expect.any(Array) })]);
    const settings = items(await get(`deviceManagement/compliancePolicies/${policy.id}/settings?$expand=settingDefinitions`));
    const group = settings.find((setting) => (setting['settingInstance'] as Record<string, unknown>)['settingDefinitionId'] === 'linux_distribution_alloweddistros')!;
    expect((group['settingDefinitions'] as Array<{ id: string }>).map((definition) => definition.id)).toEqual([
      'linux_distribution_alloweddistros', 'linux_distribution_alloweddistros_item_$type', 'linux_distribution_alloweddistros_item_minimumversion', 'linux_distribution_alloweddistros_item_maximumversion',
    ]);
  });
});

describe('intents, administrative templates, driver approvals, groups', () => {
  // deviceManagementIntent: settings and assignments are child collections (IntuneManagement's EndpointSecurity reads them
  // so); intents exist under beta only.
  it('serves intents, their settings and their assignments (beta only)', async () => {
    const intents = items(await get('deviceManagement/intents'));
    expect(intents.length).toBeGreaterThan(0);
    expect(intents[0]).not.toHaveProperty('settings');
    const id = String(intents[0]!['id']);
    const settings = items(await get(`deviceManagement/intents/${id}/settings`));
    expect(settings[0]).toMatchObject({ definitionId: expect.stringMatching(/^deviceConfiguration--/), valueJson: expect.any(String) });
    expect(items(await get(`deviceManagement/intents/${id}/assignments`)).length).toBeGreaterThan(0);
    expect((await get('deviceManagement/intents', { version: 'v1.0' })).status).toBe(400);
  });

  // groupPolicyDefinitionValue.presentationValues and groupPolicyPresentationValue.presentation (beta metadata); IntuneCD
  // backup_groupPolicyConfiguration reads definitionValues/{id}/presentationValues?$expand=presentation.
  it('serves a definition value\'s presentation values, with their presentation only when expanded', async () => {
    const template = first('deviceManagement/groupPolicyConfigurations');
    const values = items(await get(`deviceManagement/groupPolicyConfigurations/${template.id}/definitionValues?$expand=definition`));
    expect(values[0]).not.toHaveProperty('presentationValues');
    const stored = (template['definitionValues'] as Array<{ id: string; presentationValues: unknown[] }>).find((value) => value.presentationValues.length > 0)!;
    const base = `deviceManagement/groupPolicyConfigurations/${template.id}/definitionValues/${stored.id}/presentationValues`;
    const expanded = items(await get(`${base}?$expand=presentation`));
    expect(expanded.length).toBe(stored.presentationValues.length);
    expect(expanded[0]).toMatchObject({ '@odata.type': expect.stringMatching(/groupPolicyPresentationValue/), presentation: { label: expect.any(String) } });
    expect(items(await get(base))[0]).not.toHaveProperty('presentation');
  });

  // windowsDriverUpdateProfile.driverInventories (beta metadata): a manual profile's drivers with their approvalStatus.
  it('serves a manual driver profile\'s driver inventories with approved and declined drivers', async () => {
    const profile = first('deviceManagement/windowsDriverUpdateProfiles', (candidate) => candidate['approvalType'] === 'manual');
    const drivers = items(await get(`deviceManagement/windowsDriverUpdateProfiles/${profile.id}/driverInventories`));
    expect(drivers.map((driver) => driver['approvalStatus'])).toEqual(expect.arrayContaining(['approved', 'declined']));
  });

  // group-get supports $select; groups are in v1.0 and beta (learn.microsoft.com/graph/api/group-get).
  it('serves groups/{id} with $select, the groups assignments target, and groups/delta', async () => {
    const targeted = new Set(Object.values(tenant.policies).flat().flatMap((policy) =>
      ((policy['assignments'] as Array<{ target: { groupId?: string } }> | undefined) ?? []).map((assignment) => assignment.target.groupId).filter(Boolean)));
    for (const id of targeted) {
      const group = await get(`groups/${String(id)}?$select=id,displayName`, { version: 'v1.0' });
      expect(group.status).toBe(200);
      expect(Object.keys(group.body).sort()).toEqual(['@odata.context', 'displayName', 'id']);
    }
    const delta = await get('groups/delta?$select=displayName', { version: 'v1.0' });
    expect(items(delta)).toHaveLength(tenant.groups!.length);
    const deltaLink = String(delta.body['@odata.deltaLink']);
    sim.updateGroup(tenant.entra_tenant_id, tenant.groups![0]!.id, { displayName: 'SG-Intune-Renamed' });
    const changes = await get(deltaLink);
    expect(items(changes)).toEqual([{ displayName: 'SG-Intune-Renamed' }]);
  });
});

describe('admin mutations', () => {
  const adminPatch = (body: unknown) => fetch(`${sim.url}/_sim/tenants/${tenant.entra_tenant_id}/policies`, {
    method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });

  it('changes a script body, a presentation value, a driver approval, a setting value and a group name; the next read shows each', async () => {
    const script = first('deviceManagement/deviceShellScripts');
    sim.updatePolicy(tenant.entra_tenant_id, 'deviceManagement/deviceShellScripts', script.id, { scriptContent: Buffer.from('#!/bin/zsh\necho changed').toString('base64') });
    expect(Buffer.from(String((await get(`deviceManagement/deviceShellScripts/${script.id}`)).body['scriptContent']), 'base64').toString()).toContain('echo changed');

    const template = first('deviceManagement/groupPolicyConfigurations');
    const value = (template['definitionValues'] as Array<{ id: string; presentationValues: Array<{ id: string; '@odata.type': string }> }>).find((candidate) => candidate.presentationValues.length > 0)!;
    const presentation = value.presentationValues[0]!;
    const changedValue = presentation['@odata.type'].endsWith('Boolean') ? true : presentation['@odata.type'].endsWith('List') ? [] : 'changed in the portal';
    const key = presentation['@odata.type'].endsWith('List') ? 'values' : 'value';
    expect((await adminPatch({ resource: 'deviceManagement/groupPolicyConfigurations', id: template.id, child: { path: ['definitionValues', value.id, 'presentationValues', presentation.id], patch: { [key]: changedValue } } })).status).toBe(200);
    const presentationValues = items(await get(`deviceManagement/groupPolicyConfigurations/${template.id}/definitionValues/${value.id}/presentationValues`));
    expect(presentationValues.find((candidate) => candidate['id'] === presentation.id)?.[key]).toEqual(changedValue);

    const profile = first('deviceManagement/windowsDriverUpdateProfiles', (candidate) => candidate['approvalType'] === 'manual');
    const declined = (profile['driverInventories'] as Array<{ id: string; approvalStatus: string }>).find((driver) => driver.approvalStatus === 'declined')!;
    sim.updateChild(tenant.entra_tenant_id, 'deviceManagement/windowsDriverUpdateProfiles', profile.id, ['driverInventories', declined.id], { approvalStatus: 'approved' });
    const drivers = items(await get(`deviceManagement/windowsDriverUpdateProfiles/${profile.id}/driverInventories`));
    expect(drivers.find((driver) => driver['id'] === declined.id)?.['approvalStatus']).toBe('approved');

    const compliance = first('deviceManagement/compliancePolicies');
    sim.changeSetting(tenant.entra_tenant_id, 'deviceManagement/compliancePolicies', compliance.id, 'linux_distribution_alloweddistros_item_minimumversion', '24.04');
    expect(JSON.stringify(items(await get(`deviceManagement/compliancePolicies/${compliance.id}/settings`)))).toContain('"value":"24.04"');

    const group = tenant.groups![1]!;
    const renamed = await fetch(`${sim.url}/_sim/tenants/${tenant.entra_tenant_id}/groups`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: group.id, patch: { displayName: 'SG-Renamed-Over-HTTP' } }) });
    expect(renamed.status).toBe(200);
    expect((await get(`groups/${group.id}`, { version: 'v1.0' })).body['displayName']).toBe('SG-Renamed-Over-HTTP');
  });

  it('adds and removes policies in the new collections, a derived app set included', async () => {
    sim.addPolicy(tenant.entra_tenant_id, 'deviceManagement/windowsQualityUpdatePolicies', { id: 'qup-added', displayName: 'Added', hotpatchEnabled: true });
    sim.addPolicy(tenant.entra_tenant_id, 'deviceAppManagement/targetedManagedAppConfigurations', { id: 'tmac-added', displayName: 'Added config', customSettings: [] });
    expect(items(await get('deviceManagement/windowsQualityUpdatePolicies?$top=100')).some((policy) => policy['id'] === 'qup-added')).toBe(true);
    const base = items(await get('deviceAppManagement/managedAppPolicies?$top=100'));
    expect(base.find((policy) => policy['id'] === 'tmac-added')).toMatchObject({ '@odata.type': '#microsoft.graph.targetedManagedAppConfiguration' });
    expect(sim.removePolicy(tenant.entra_tenant_id, 'deviceAppManagement/targetedManagedAppConfigurations', 'tmac-added')).toBe(true);
    expect(sim.removePolicy(tenant.entra_tenant_id, 'deviceManagement/windowsQualityUpdatePolicies', 'qup-added')).toBe(true);
    expect((await get('deviceAppManagement/targetedManagedAppConfigurations/tmac-added')).status).toBe(404);
  });
});

describe('JSON batching', () => {
  // learn.microsoft.com/graph/json-batching: POST /{version}/$batch with {requests:[{id, method, url}]}, url relative to
  // the version; at most 20 requests; a malformed batch (or duplicate ids) is a 400; a parseable one is a 200 whose
  // responses each have their own id, status, headers and body, "in a different order than the requests" possibly;
  // "Requests in a batch are evaluated individually against the applicable throttling limits".
  async function batch(requests: unknown, options: { version?: string; authorization?: string } = {}): Promise<Answer> {
    const response = await fetch(`${sim.url}/${options.version ?? 'beta'}/$batch`, {
      method: 'POST',
      headers: { authorization: options.authorization ?? `Bearer ${await token()}`, 'content-type': 'application/json', 'client-request-id': 'ta-batch-1' },
      body: typeof requests === 'string' ? requests : JSON.stringify({ requests }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  type SubResponse = { id: string; status: number; headers: Record<string, string>; body: Record<string, unknown> };
  const responsesOf = (answer: Answer) => answer.body['responses'] as SubResponse[];
  const byId = (answer: Answer, id: string) => responsesOf(answer).find((response) => response.id === id)!;

  it('answers each request as a single GET is answered, with its own status, headers and body, matched by id', async () => {
    const script = first('deviceManagement/deviceManagementScripts');
    const single = await get(`deviceManagement/deviceManagementScripts/${script.id}`);
    const before = sim.stats.requests.length;
    const answer = await batch([
      { id: 'a', method: 'GET', url: `/deviceManagement/deviceManagementScripts/${script.id}` },
      { id: 'b', method: 'GET', url: 'deviceManagement/roleScopeTags?$top=2' },
      { id: 'c', method: 'GET', url: '/deviceManagement/nothingHere' },
    ]);
    expect(answer.status).toBe(200);
    expect(responsesOf(answer).map((response) => response.id)).toEqual(['c', 'b', 'a']);
    const a = byId(answer, 'a');
    expect(a.status).toBe(200);
    expect(a.headers['Content-Type']).toContain('application/json');
    expect(a.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['client-request-id']).toBe('ta-batch-1');
    // The lazy scriptContent comes with a GET of one script, batched or not.
    expect(a.body['scriptContent']).toBe(single.body['scriptContent']);
    expect(byId(answer, 'b').body['@odata.nextLink']).toMatch(new RegExp(`^${sim.url}/beta/deviceManagement/roleScopeTags\\?\\$top=2&\\$skiptoken=`));
    expect(byId(answer, 'c')).toMatchObject({ status: 400, body: { error: { code: 'BadRequest', message: "Resource not found for the segment 'nothingHere'." } } });
    expect(errorOf({ ...answer, body: byId(answer, 'c').body }).innerError['request-id']).toBe(byId(answer, 'c').headers['request-id']);
    // Recorded one by one, each with its own path, then the batch itself.
    expect(sim.stats.requests.slice(before).map((request) => [request.method, request.path, request.status, request.batched ?? false])).toEqual([
      ['GET', `/beta/deviceManagement/deviceManagementScripts/${script.id}`, 200, true],
      ['GET', '/beta/deviceManagement/roleScopeTags?$top=2', 200, true],
      ['GET', '/beta/deviceManagement/nothingHere', 400, true],
      ['POST', '/beta/$batch', 200, false],
    ]);
  });

  it('refuses more than 20 requests, duplicate ids (not case-sensitive) and malformed bodies with 400, as Graph does', async () => {
    const many = Array.from({ length: 21 }, (_, index) => ({ id: String(index + 1), method: 'GET', url: '/deviceManagement/roleScopeTags' }));
    const tooMany = await batch(many);
    expect(tooMany.status).toBe(400);
    // Graph's words as quoted in microsoftgraph/microsoftgraph-postman-collections#9.
    expect(errorOf(tooMany)).toMatchObject({ code: 'BadRequest', message: 'Number of requests inside batch exceeds the limit.' });
    expect((await batch(many.slice(0, 20))).status).toBe(200);

    const duplicate = await batch([{ id: 'x', method: 'GET', url: '/deviceManagement/roleScopeTags' }, { id: 'X', method: 'GET', url: '/deviceManagement/roleScopeTags' }]);
    expect(duplicate.status).toBe(400);
    expect(errorOf(duplicate).code).toBe('BadRequest');
    expect((await batch('{"requests":')).status).toBe(400);
    expect((await batch([])).status).toBe(400);
    expect((await batch([{ id: '1', method: 'GET' }])).status).toBe(400);
    expect((await batch([{ id: '1', method: 'GET', url: '/deviceManagement/roleScopeTags' }], { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('throttles a faulted request inside the batch with its own Retry-After, one request per fault count', async () => {
    const tags = stored('deviceManagement/roleScopeTags');
    sim.faults.set(tenant.entra_tenant_id, { kind: 'throttle', count: 1, retryAfterSeconds: 4, pathPrefix: 'deviceManagement/roleScopeTags' });
    const answer = await batch(tags.map((tag, index) => ({ id: String(index + 1), method: 'GET', url: `/deviceManagement/roleScopeTags/${tag.id}` })));
    expect(answer.status).toBe(200);
    const statuses = tags.map((_, index) => byId(answer, String(index + 1)).status);
    expect(statuses).toEqual([429, ...tags.slice(1).map(() => 200)]);
    expect(byId(answer, '1').headers['Retry-After']).toBe('4');
    expect(byId(answer, '1').body).toMatchObject({ error: { code: 'TooManyRequests' } });
  });

  it('applies permissions and Conditional Access\'s one request per second to each request of a batch', async () => {
    clock += 5_000;
    sim.configureTenant(tenant.entra_tenant_id, { granted_permissions: ['Policy.Read.All'] });
    const policy = first('identity/conditionalAccess/policies');
    const answer = await batch([
      { id: '1', method: 'GET', url: `/identity/conditionalAccess/policies/${policy.id}` },
      { id: '2', method: 'GET', url: `/identity/conditionalAccess/policies/${policy.id}` },
      { id: '3', method: 'GET', url: '/deviceManagement/roleScopeTags' },
    ]);
    expect(byId(answer, '1').status).toBe(200);
    expect(byId(answer, '2')).toMatchObject({ status: 429, body: { error: { code: 'TooManyRequests', message: 'Too many requests.' } } });
    expect(byId(answer, '2').headers['Retry-After']).toBeUndefined();
    expect(byId(answer, '3').status).toBe(403);
  });

  it('lets a fault with pathPrefix $batch reach the batch request itself, and no other fault', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'unavailable', count: 1, retryAfterSeconds: 2, pathPrefix: '$batch' });
    const refused = await batch([{ id: '1', method: 'GET', url: '/deviceManagement/roleScopeTags' }]);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect((await get('deviceManagement/roleScopeTags')).status).toBe(200);
    expect((await batch([{ id: '1', method: 'GET', url: '/deviceManagement/roleScopeTags' }])).status).toBe(200);
  });
});
