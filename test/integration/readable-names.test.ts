// Readable names (issue 19, point 4): setting definitions kept product-wide by the sync, group and filter names per
// tenant resolved at the end of a sync, and the item view and finding evidence reading in Intune's words — with a
// plain note, never an error, when a name is unknown or Graph refuses it (403 without Group.Read.All).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetKnownSettingDefinitions, rememberSettingDefinitions, settingDefinitionRefreshMs } from '../../src/db/queries/setting-definitions';
import { GraphClient } from '../../src/graph';
import type { ZodApp } from '../../src/http/app-context';
import { resolveDirectoryNames } from '../../src/jobs/handlers/inventory-sync/resolve-directory-names';
import type { RunHandlerContext } from '../../src/jobs/run-handler';
import { silentJobLogger, type JobLogger } from '../../src/jobs/job-logger';
import { bearer, buildTestApp, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';
import { insertTenant } from '../support/operations-harness';

const passwordSaving = 'device_vendor_msft_policy_config_admx_terminalserver_ts_client_disable_password_saving_2';
// deviceManagementConfigurationChoiceSettingDefinition as expanded on `…/settings?$expand=settingDefinitions`:
// https://learn.microsoft.com/graph/api/resources/intune-deviceconfigv2-devicemanagementconfigurationchoicesettingdefinition?view=graph-rest-beta
const definition = (displayName: string) => ({
  '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingDefinition',
  id: passwordSaving,
  displayName,
  description: 'Controls whether passwords can be saved from Remote Desktop Connection.',
  options: [
    { itemId: `${passwordSaving}_0`, displayName: 'Disabled' },
    { itemId: `${passwordSaving}_1`, displayName: 'Enabled' },
  ],
});

const groupPilot = '11111111-1111-4111-8111-111111111111';
const groupGone = '22222222-2222-4222-8222-222222222222';
const filterWin11 = '33333333-3333-4333-8333-333333333333';

const payload = {
  '@odata.type': '#microsoft.graph.deviceManagementConfigurationPolicy',
  name: 'RDP hardening',
  settings: [{ settingInstance: { '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance', settingDefinitionId: passwordSaving, choiceSettingValue: { value: `${passwordSaving}_1`, children: [] } } }],
  assignments: [
    { target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: groupPilot, deviceAndAppManagementAssignmentFilterId: filterWin11, deviceAndAppManagementAssignmentFilterType: 'include' } },
    { target: { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: groupGone } },
  ],
};

/** A Graph that answers group lookups: by name, 404 for a deleted group, or 403 for every group (no Group.Read.All). */
function fakeGraph(mode: 'granted' | 'forbidden', requests: string[]): GraphClient {
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  return new GraphClient({
    entraTenantId: `tenant-${mode}`,
    clientId: 'client',
    clientSecret: 'secret',
    graphUrl: 'https://graph.test',
    maxAttempts: 1,
    tokenProvider: { getToken: async () => 'token', invalidate: () => {} },
    fetch: (async (input: string | URL | Request) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      requests.push(`${url.pathname}${url.search}`);
      // Graph's error body (https://learn.microsoft.com/graph/errors).
      if (mode === 'forbidden') return json(403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } });
      if (url.pathname === `/v1.0/groups/${groupPilot}`) return json(200, { id: groupPilot, displayName: 'Pilot devices' });
      return json(404, { error: { code: 'Request_ResourceNotFound', message: 'Resource does not exist.' } });
    }) as typeof fetch,
  });
}

describe.each(databaseTargets())('readable names (%s)', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let reader: TestMember;
  let workspaceId: number;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database);
    workspaceId = (await createTestWorkspace(database, 'names')).id;
    reader = await createMember(database, 'names', 'reader@names.example', 'readonly');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const contextFor = (log: JobLogger = silentJobLogger) =>
    ({ db: database.db, log, signal: new AbortController().signal, run: { id: 0 }, report: async (patch: Record<string, unknown>) => void reports.push(patch) }) as unknown as RunHandlerContext;
  const reports: Record<string, unknown>[] = [];

  /** A tenant with one settings catalog item (and an assignment filter item naming the filter) and a finding on it. */
  const seedTenant = async (name: string) => {
    const tenantId = await insertTenant(database, workspaceId, name, 'active');
    const item = await sql<{ id: number }>`
      INSERT INTO inventory_items (tenant_id, policy_type, external_id, display_name, category, platform, content_hash, payload)
      VALUES (${tenantId}, 'settingsCatalogPolicy', 'policy-1', 'RDP hardening', 'Device configuration', 'windows', 'h', ${JSON.stringify(payload)}::jsonb),
             (${tenantId}, 'assignmentFilter', ${filterWin11}, 'Windows 11 only', 'Tenant administration', 'all', 'h', '{}'::jsonb)
      RETURNING id`.execute(database.db);
    const evidence = {
      changes: [
        { path: `settings[${passwordSaving}].settingInstance.choiceSettingValue.value`, area: 'setting', change: 'changed', baseline: `${passwordSaving}_1`, current: `${passwordSaving}_0` },
        { path: `assignments[groupAssignmentTarget:${groupPilot}]`, area: 'assignment', change: 'added', baseline: null, current: payload.assignments[0] },
      ],
      changes_total: 2,
    };
    const finding = await sql<{ id: number }>`
      INSERT INTO findings (tenant_id, kind, severity, fingerprint, policy_type, subject_external_id, subject_display_name, evidence)
      VALUES (${tenantId}, 'changed_policy', 'medium', ${`fp-${name}`}, 'settingsCatalogPolicy', 'policy-1', 'RDP hardening', ${JSON.stringify(evidence)}::jsonb)
      RETURNING id`.execute(database.db);
    return { tenantId, itemId: item.rows[0]!.id, findingId: finding.rows[0]!.id };
  };

  it('keeps a definition once for every tenant, without a round trip when it is known, and refreshes it when old', async () => {
    forgetKnownSettingDefinitions(database.db);
    await rememberSettingDefinitions(database.db, [definition('Do not allow passwords to be saved'), definition('Do not allow passwords to be saved')]);
    const stored = await database.db.selectFrom('setting_definitions').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: passwordSaving, display_name: 'Do not allow passwords to be saved', options: [{ item_id: `${passwordSaving}_0`, display_name: 'Disabled' }, { item_id: `${passwordSaving}_1`, display_name: 'Enabled' }] });

    // Known and fresh: no statement at all (the sync's hot path). A renamed definition is not rewritten yet...
    await rememberSettingDefinitions(database.db, [definition('Renamed')]);
    expect((await database.db.selectFrom('setting_definitions').select('display_name').executeTakeFirstOrThrow()).display_name).toBe('Do not allow passwords to be saved');
    // ...and another process that does not know it only refreshes rows older than the refresh interval.
    forgetKnownSettingDefinitions(database.db);
    await rememberSettingDefinitions(database.db, [definition('Renamed')]);
    expect((await database.db.selectFrom('setting_definitions').select('display_name').executeTakeFirstOrThrow()).display_name).toBe('Do not allow passwords to be saved');
    forgetKnownSettingDefinitions(database.db);
    await rememberSettingDefinitions(database.db, [definition('Renamed')], Date.now() + settingDefinitionRefreshMs + 60_000);
    expect((await database.db.selectFrom('setting_definitions').select('display_name').executeTakeFirstOrThrow()).display_name).toBe('Renamed');
    forgetKnownSettingDefinitions(database.db);
    await rememberSettingDefinitions(database.db, [definition('Do not allow passwords to be saved')], Date.now() + 2 * settingDefinitionRefreshMs + 120_000);
  });

  it('shows the item and the finding in Intune words once names are resolved; a deleted group says so', async () => {
    const { tenantId, itemId, findingId } = await seedTenant('Granted');
    // Before any name is resolved: ids with a plain note, never an error.
    const before = (await bearer(app, reader.token, 'GET', `/api/tenants/${tenantId}/inventory/items/${itemId}`)).json().item;
    expect(before.assignments[0]).toMatchObject({ group_id: groupPilot, group_name: null, group_note: 'name unavailable: read at the end of the next sync' });

    const requests: string[] = [];
    await resolveDirectoryNames(contextFor(), { tenantId, client: fakeGraph('granted', requests) });
    // Groups by GET groups/{id}?$select under v1.0; the filter's name came from the tenant's own assignmentFilter item.
    expect(requests.sort()).toEqual([`/v1.0/groups/${groupGone}?$select=id,displayName`, `/v1.0/groups/${groupPilot}?$select=id,displayName`].sort());

    const response = await bearer(app, reader.token, 'GET', `/api/tenants/${tenantId}/inventory/items/${itemId}`);
    expect(response.statusCode).toBe(200);
    const item = response.json().item;
    expect(item.settings).toEqual([
      { depth: 0, id: passwordSaving, name: 'Do not allow passwords to be saved', description: 'Controls whether passwords can be saved from Remote Desktop Connection.', name_note: null, value: 'Enabled' },
    ]);
    expect(item.assignments).toEqual([
      { target: 'Group', group_id: groupPilot, group_name: 'Pilot devices', group_note: null, filter_id: filterWin11, filter_name: 'Windows 11 only', filter_note: null, filter_mode: 'include' },
      { target: 'Excluded group', group_id: groupGone, group_name: null, group_note: 'group not found in the tenant (deleted?)', filter_id: null, filter_name: null, filter_note: null, filter_mode: null },
    ]);

    const finding = (await bearer(app, reader.token, 'GET', `/api/findings/${findingId}`)).json().finding;
    expect(finding.evidence.changes[0]).toMatchObject({
      path: `settings[${passwordSaving}].settingInstance.choiceSettingValue.value`,
      baseline: `${passwordSaving}_1`,
      label: 'Do not allow passwords to be saved',
      baseline_text: 'Enabled',
      current_text: 'Disabled',
      notes: [],
    });
    expect(finding.evidence.changes[1]).toMatchObject({ label: 'Group: Pilot devices', current_text: 'Group: Pilot devices, filter Windows 11 only (include)', notes: [] });
    const list = (await bearer(app, reader.token, 'GET', `/api/tenants/${tenantId}/findings`)).json().findings;
    expect(list[0].evidence.changes[0].label).toBe('Do not allow passwords to be saved');

    // Fresh names are not read again at the next sync.
    requests.length = 0;
    await resolveDirectoryNames(contextFor(), { tenantId, client: fakeGraph('granted', requests) });
    expect(requests).toEqual([]);
  });

  it('without Group.Read.All: the sync goes on, the log says why, and the pages show ids with "grant Group.Read.All"', async () => {
    const { tenantId, itemId, findingId } = await seedTenant('Forbidden');
    const lines: string[] = [];
    const log: JobLogger = { ...silentJobLogger, warn: (_fields, message) => lines.push(message) };
    const requests: string[] = [];
    await expect(resolveDirectoryNames(contextFor(log), { tenantId, client: fakeGraph('forbidden', requests) })).resolves.toBeUndefined();
    expect(lines).toContain('group names unavailable: Graph refused the lookup (grant Group.Read.All)');
    expect(reports.at(-1)).toEqual({ directory_names: { groups: { referenced: 2, looked_up: 0, unavailable: 'forbidden' }, filters: { referenced: 1, looked_up: 1, unavailable: null } } });
    // It stops asking after the first refusals instead of trying every group.
    expect(requests.length).toBeLessThanOrEqual(4);

    const item = (await bearer(app, reader.token, 'GET', `/api/tenants/${tenantId}/inventory/items/${itemId}`)).json().item;
    expect(item.assignments[0]).toMatchObject({ group_id: groupPilot, group_name: null, group_note: 'name unavailable: grant Group.Read.All', filter_name: 'Windows 11 only' });
    const finding = (await bearer(app, reader.token, 'GET', `/api/findings/${findingId}`)).json().finding;
    expect(finding.evidence.changes[1]).toMatchObject({ label: `Group: ${groupPilot}`, notes: ['name unavailable: grant Group.Read.All'] });
  });
});
