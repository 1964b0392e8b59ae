import { describe, expect, it } from 'vitest';
import {
  directoryName,
  emptyDirectoryVocabulary,
  emptySettingVocabulary,
  evidenceNameIds,
  itemNameIds,
  namedAssignments,
  namedSettings,
  pathSegments,
  readableChange,
  readableSettings,
  settingVocabulary,
  summarizeSettingDefinition,
  summarizeSettingDefinitions,
  type DirectoryVocabulary,
} from '../../src/domain/inventory';

// A settings-catalog definition as Graph returns it expanded on `configurationPolicies/{id}/settings?$expand=settingDefinitions`
// (deviceManagementConfigurationChoiceSettingDefinition: id, displayName, description, options[{itemId, displayName}]):
// https://learn.microsoft.com/graph/api/resources/intune-deviceconfigv2-devicemanagementconfigurationchoicesettingdefinition?view=graph-rest-beta
const passwordSaving = 'device_vendor_msft_policy_config_admx_terminalserver_ts_client_disable_password_saving_2';
const rawDefinition = {
  '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingDefinition',
  id: passwordSaving,
  name: 'TS_CLIENT_DISABLE_PASSWORD_SAVING_2',
  displayName: 'Do not allow passwords to be saved',
  description: 'Controls whether passwords can be saved on this computer from Remote Desktop Connection.',
  categoryId: 'x',
  options: [
    { itemId: `${passwordSaving}_0`, displayName: 'Disabled', optionValue: { value: 0 } },
    { itemId: `${passwordSaving}_1`, displayName: 'Enabled', optionValue: { value: 1 } },
  ],
};
const vocabulary = settingVocabulary(summarizeSettingDefinitions([rawDefinition, rawDefinition]));

const directory = (names: Record<string, string | null>, sources: Partial<Record<'group' | 'assignment_filter', { status: 'available' | 'unavailable'; reason: string | null }>> = {}): DirectoryVocabulary => ({
  name: (kind, id) => {
    const key = `${kind}:${id}`;
    if (!(key in names)) return undefined;
    const name = names[key] ?? null;
    return name === null ? { display_name: null, state: 'not_found' } : { display_name: name, state: 'resolved' };
  },
  source: (kind) => sources[kind],
});

describe('setting definitions', () => {
  it('keeps the id, display name, description and option labels of a raw Graph definition, once per id', () => {
    expect(summarizeSettingDefinitions([rawDefinition, rawDefinition])).toHaveLength(1);
    expect(summarizeSettingDefinition(rawDefinition)).toEqual({
      id: passwordSaving,
      display_name: 'Do not allow passwords to be saved',
      description: 'Controls whether passwords can be saved on this computer from Remote Desktop Connection.',
      options: [
        { item_id: `${passwordSaving}_0`, display_name: 'Disabled' },
        { item_id: `${passwordSaving}_1`, display_name: 'Enabled' },
      ],
    });
    expect(summarizeSettingDefinition({ displayName: 'no id' })).toBeNull();
  });
});

describe('the item view in Intune words', () => {
  const payload = {
    settings: [{ settingInstance: { settingDefinitionId: passwordSaving, choiceSettingValue: { value: `${passwordSaving}_1`, children: [] } } }],
    assignments: [
      { target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'g1', deviceAndAppManagementAssignmentFilterId: 'f1', deviceAndAppManagementAssignmentFilterType: 'include' } },
      { target: { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: 'g2' } },
    ],
  };

  it('names a setting and its option from the definition, the id kept for copying', () => {
    expect(namedSettings(payload, vocabulary)).toEqual([
      { depth: 0, id: passwordSaving, name: 'Do not allow passwords to be saved', description: rawDefinition.description, name_note: null, value: 'Enabled' },
    ]);
    // Unknown definition: the id and the value without its prefix, with a plain note, never an error.
    expect(namedSettings(payload, emptySettingVocabulary)[0]).toMatchObject({ id: passwordSaving, name: null, value: '1', name_note: expect.stringContaining('name unavailable') });
    // The old shape is unchanged.
    expect(readableSettings(payload)).toEqual([{ depth: 0, id: passwordSaving, value: '1' }]);
    expect(itemNameIds(payload)).toEqual({ definitions: [passwordSaving], groups: ['g1', 'g2'], filters: ['f1'] });
  });

  it('names groups and filters, and says why when it cannot', () => {
    const rows = namedAssignments(payload, directory({ 'group:g1': 'Pilot devices', 'assignment_filter:f1': 'Windows 11 only', 'group:g2': null }));
    expect(rows[0]).toMatchObject({ target: 'Group', group_id: 'g1', group_name: 'Pilot devices', filter_name: 'Windows 11 only', filter_mode: 'include', group_note: null });
    expect(rows[1]).toMatchObject({ target: 'Excluded group', group_name: null, group_note: 'group not found in the tenant (deleted?)' });
    const forbidden = namedAssignments(payload, directory({}, { group: { status: 'unavailable', reason: 'forbidden' } }));
    expect(forbidden[0]).toMatchObject({ group_id: 'g1', group_name: null, group_note: 'name unavailable: grant Group.Read.All' });
    expect(directoryName(emptyDirectoryVocabulary, 'group', 'g1')).toEqual({ name: null, note: null });
  });
});

describe('drift evidence in Intune words', () => {
  const change = {
    path: `settings[${passwordSaving}].settingInstance.choiceSettingValue.value`,
    area: 'setting' as const,
    baseline: `${passwordSaving}_1`,
    current: `${passwordSaving}_0`,
  };

  it('reads a changed choice as the setting name and option labels', () => {
    expect(readableChange(change, vocabulary, emptyDirectoryVocabulary)).toEqual({
      label: 'Do not allow passwords to be saved',
      context: null,
      baseline_text: 'Enabled',
      current_text: 'Disabled',
      notes: [],
    });
    expect(evidenceNameIds([change]).definitions).toEqual([passwordSaving]);
  });

  it('degrades to the id with a note when the definition is unknown', () => {
    expect(readableChange(change, emptySettingVocabulary, emptyDirectoryVocabulary)).toMatchObject({ label: passwordSaving, baseline_text: '1', current_text: '0', notes: [expect.stringContaining('name unavailable')] });
  });

  it('names nested settings under their parents and a whole setting added', () => {
    const parent = { id: 'parent_def', display_name: 'Firewall', description: null, options: [] };
    const names = settingVocabulary([...summarizeSettingDefinitions([rawDefinition]), parent]);
    const nested = readableChange(
      { path: `settings[parent_def].settingInstance.groupSettingCollectionValue[group:${passwordSaving}].children[${passwordSaving}].choiceSettingValue.value`, area: 'setting', baseline: `${passwordSaving}_0`, current: `${passwordSaving}_1` },
      names,
      emptyDirectoryVocabulary,
    );
    expect(nested).toMatchObject({ label: 'Do not allow passwords to be saved', context: 'Firewall', baseline_text: 'Disabled', current_text: 'Enabled' });
    const added = readableChange(
      { path: `settings[${passwordSaving}]`, area: 'setting', baseline: null, current: { settingInstance: { settingDefinitionId: passwordSaving, choiceSettingValue: { value: `${passwordSaving}_1`, children: [] } } } },
      names,
      emptyDirectoryVocabulary,
    );
    expect(added).toMatchObject({ label: 'Do not allow passwords to be saved', baseline_text: null, current_text: 'Enabled' });
  });

  it('names an assignment by its group and a changed filter by its name', () => {
    const names = directory({ 'group:g1': 'Pilot devices', 'assignment_filter:f1': 'Windows 11 only', 'assignment_filter:f2': 'Surface only' });
    const added = { path: 'assignments[groupAssignmentTarget:g1]', area: 'assignment' as const, baseline: null, current: { target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'g1', deviceAndAppManagementAssignmentFilterId: 'f1', deviceAndAppManagementAssignmentFilterType: 'include' } } };
    expect(readableChange(added, emptySettingVocabulary, names)).toEqual({ label: 'Group: Pilot devices', context: null, baseline_text: null, current_text: 'Group: Pilot devices, filter Windows 11 only (include)', notes: [] });
    const filter = { path: 'assignments[groupAssignmentTarget:g1].target.deviceAndAppManagementAssignmentFilterId', area: 'assignment' as const, baseline: 'f1', current: 'f2' };
    expect(readableChange(filter, emptySettingVocabulary, names)).toMatchObject({ label: 'Group: Pilot devices › filter', baseline_text: 'Windows 11 only', current_text: 'Surface only' });
    expect(evidenceNameIds([added, filter])).toEqual({ definitions: [], groups: ['g1'], filters: ['f1', 'f2'] });
    const forbidden = readableChange(added, emptySettingVocabulary, directory({}, { group: { status: 'unavailable', reason: 'forbidden' } }));
    expect(forbidden.label).toBe('Group: g1');
    // The filter was never read yet; the group name is refused for want of a permission.
    expect(forbidden.notes).toEqual(['name unavailable: grant Group.Read.All', 'name unavailable: read at the end of the next sync']);
    expect(readableChange({ path: 'assignments[allDevicesAssignmentTarget]', area: 'assignment', baseline: null, current: {} }, emptySettingVocabulary, names).label).toBe('All devices');
  });

  it('splits paths without breaking keys that hold dots and brackets', () => {
    expect(pathSegments('settings[a.b].x.children[{"v":[1]}].value')).toEqual([
      { name: 'settings', key: 'a.b' },
      { name: 'x', key: null },
      { name: 'children', key: '{"v":[1]}' },
      { name: 'value', key: null },
    ]);
  });
});

// Graph serves script bodies as base64 (deviceManagementScript.scriptContent, Edm.Binary); people read the script.
describe('script bodies in words', () => {
  const body = (text: string) => Buffer.from(text, 'utf8').toString('base64');

  it('shows a platform script\'s body as its text in the item view', () => {
    const rows = namedSettings({ '@odata.type': '#microsoft.graph.deviceManagementScript', displayName: 'Time zone', scriptContent: body('Set-TimeZone -Id "UTC"\n'), runAsAccount: 'system' }, emptySettingVocabulary);
    expect(rows.find((row) => row.id === 'scriptContent')).toMatchObject({ name: 'Script', value: 'Set-TimeZone -Id "UTC"\n' });
    expect(rows.find((row) => row.id === 'runAsAccount')).toMatchObject({ value: 'system' });
  });

  it('reads an edited remediation script as its old and new text in a finding', () => {
    const change = { path: 'remediationScriptContent', area: 'property' as const, change: 'changed' as const, baseline: body('Remove-Item a'), current: body('Remove-Item b') };
    expect(readableChange(change as never, emptySettingVocabulary, emptyDirectoryVocabulary)).toMatchObject({
      label: 'Remediation script', baseline_text: 'Remove-Item a', current_text: 'Remove-Item b',
    });
  });

  it('leaves a value that is not base64 text as it is', () => {
    const rows = namedSettings({ scriptContent: 'not base64!' }, emptySettingVocabulary);
    expect(rows.find((row) => row.id === 'scriptContent')).toMatchObject({ name: null, value: 'not base64!' });
  });
});
