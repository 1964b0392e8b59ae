import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  coveragePercent,
  inventoryCounts,
  inventoryReadPlan,
  itemDisplayName,
  itemPlatform,
  normalizePolicy,
  policyTypes,
  readableAssignments,
  readableChoice,
  readableSettings,
  resolveSyncSelection,
  syncOutcome,
  unclaimedFamily,
} from '../../src/domain/inventory';

const same = (a: Record<string, unknown>, b: Record<string, unknown>) => canonicalJson(normalizePolicy(a)) === canonicalJson(normalizePolicy(b));

const setting = (id: string, value: string) => ({
  id: String(Math.random()),
  settingInstance: {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
    settingDefinitionId: id,
    choiceSettingValue: { value: `${id}_${value}`, children: [] },
  },
});

describe('normalizePolicy (SPEC §7)', () => {
  const policy = {
    '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies/$entity',
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationPolicy',
    id: 'a608896c',
    name: 'Firewall',
    createdDateTime: '2024-08-30T10:16:37Z',
    lastModifiedDateTime: '2024-08-30T10:16:37Z',
    settingCount: 2,
    roleScopeTagIds: ['0', '7'],
    settings: [setting('firewall_enable', 'true'), setting('firewall_stealth', 'false')],
    assignments: [
      { id: 'x_1', target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'g1' } },
      { id: 'x_2', target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } },
    ],
  };

  it('ignores server-managed fields, OData annotations but @odata.type, and actions', () => {
    const reread = {
      ...policy,
      '@odata.context': 'elsewhere',
      'createdDateTime@odata.type': '#DateTimeOffset',
      lastModifiedDateTime: '2025-01-01T00:00:00Z',
      version: 9,
      settingCount: 3,
      isAssigned: true,
      '#microsoft.graph.assign': { title: 'assign' },
    };
    expect(same(policy, reread)).toBe(true);
    expect(normalizePolicy(policy)['@odata.type']).toBe('#microsoft.graph.deviceManagementConfigurationPolicy');
    expect(same(policy, { ...policy, '@odata.type': '#microsoft.graph.other' })).toBe(false);
  });

  it('compares settings, assignments and plain arrays by identity, not order, and child ids do not count', () => {
    const reordered = {
      ...policy,
      roleScopeTagIds: ['7', '0'],
      settings: [...policy.settings].reverse().map((entry, index) => ({ ...entry, id: String(index) })),
      assignments: [...policy.assignments].reverse().map((entry) => ({ ...entry, id: 'new' })),
    };
    expect(same(policy, reordered)).toBe(true);
  });

  it('sees a changed setting value, an added assignment and a renamed policy', () => {
    expect(same(policy, { ...policy, settings: [setting('firewall_enable', 'false'), setting('firewall_stealth', 'false')] })).toBe(false);
    expect(same(policy, { ...policy, assignments: [...policy.assignments, { id: 'y', target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'g2' } }] })).toBe(false);
    expect(same(policy, { ...policy, name: 'Firewall v2' })).toBe(false);
  });

  it('treats null as absent, and keeps an id inside a referenced object', () => {
    expect(same({ a: 1, description: null }, { a: 1 })).toBe(true);
    const withDefinition = (id: string) => ({ definitionValues: [{ id: 'v1', enabled: true, definition: { id, displayName: 'Turn off' } }] });
    expect(same(withDefinition('d1'), withDefinition('d2'))).toBe(false);
  });
});

describe('inventory KPIs (SPEC §3)', () => {
  it('coverage is null at zero items and has one decimal otherwise', () => {
    expect(coveragePercent(0, 0)).toBeNull();
    expect(coveragePercent(1, 3)).toBe(33.3);
    expect(coveragePercent(2, 3)).toBe(66.7);
    expect(coveragePercent(3, 3)).toBe(100);
  });

  it('counts chips from the registry; partial never raises coverage; unknown types count in the total only', () => {
    const counts = inventoryCounts([
      { policy_type: 'settingsCatalogPolicy', items: 3 }, // enabled, medium, dependencies
      { policy_type: 'endpointSecurityPolicy', items: 2 }, // preview-only, high, dependencies
      { policy_type: 'deviceManagementScript', items: 1 }, // enabled, medium-high
      { policy_type: 'roleScopeTag', items: 4 }, // enabled, low, no dependencies
      { policy_type: 'somethingOld', items: 5 },
    ]);
    expect(counts).toEqual({
      total_items: 15,
      coverage_percent: Math.round((8 / 15) * 1000) / 10,
      chips: { restorable: 8, partial: 2, risk: 3, dependencies: 6 },
    });
    const morePartial = inventoryCounts([{ policy_type: 'settingsCatalogPolicy', items: 3 }, { policy_type: 'endpointSecurityPolicy', items: 200 }]);
    expect(morePartial.coverage_percent).toBeLessThan(counts.coverage_percent!);
  });
});

describe('sync selection and read plan', () => {
  it('sorts and deduplicates a selection, means all types by default, and names unknown types', () => {
    expect(resolveSyncSelection(['roleScopeTag', 'assignmentFilter', 'roleScopeTag'])).toEqual({ ok: true, policy_types: ['assignmentFilter', 'roleScopeTag'] });
    const all = resolveSyncSelection(undefined);
    expect(all.ok && all.policy_types.length).toBe(policyTypes.length);
    expect(resolveSyncSelection([])).toEqual(all);
    expect(resolveSyncSelection(['roleScopeTag', 'nope', 'nope'])).toEqual({ ok: false, unknown: ['nope'] });
  });

  it('reads each Graph collection once, expanding assignments and reading settings and definition values per policy', () => {
    const plan = inventoryReadPlan(resolveSyncSelection(undefined).ok ? policyTypes.map((entry) => entry.type) : []);
    const resources = plan.map((read) => read.graph_resource);
    expect(new Set(resources).size).toBe(resources.length);
    const configuration = plan.find((read) => read.graph_resource === 'deviceManagement/configurationPolicies')!;
    expect(configuration.policy_types).toEqual(['settingsCatalogPolicy', 'endpointSecurityPolicy', 'securityBaselinePolicy']);
    expect(configuration.children.map((child) => child.property)).toEqual(['settings']);
    expect(plan.find((read) => read.graph_resource === 'deviceManagement/deviceCompliancePolicies')!.expand).toContain('scheduledActionsForRule');
    expect(plan.find((read) => read.graph_resource === 'deviceManagement/groupPolicyConfigurations')!.children[0]!.path).toBe('definitionValues?$expand=definition');
    expect(plan.find((read) => read.graph_resource === 'identity/conditionalAccess/policies')!.expand).toBeNull();
    expect(inventoryReadPlan(['windowsUpdateRing']).map((read) => read.policy_types)).toEqual([['windowsUpdateRing']]);
  });

  it('names what no type claims by template family', () => {
    expect(unclaimedFamily({ templateReference: { templateFamily: 'enrollmentConfiguration' } })).toBe('enrollmentConfiguration');
    expect(unclaimedFamily({ '@odata.type': '#microsoft.graph.somethingNew' })).toBe('somethingNew');
  });

  it('ends succeeded, partial or failed by the types that failed', () => {
    const ok = { policy_type: 'a', status: 'succeeded' as const, item_count: 1, error_code: null };
    const bad = { policy_type: 'b', status: 'failed' as const, item_count: 0, error_code: 'graph.forbidden' };
    expect(syncOutcome([ok, ok])).toBe('succeeded');
    expect(syncOutcome([ok, bad])).toBe('partial');
    expect(syncOutcome([bad, bad])).toBe('failed');
  });
});

describe('readable items', () => {
  it('shows settings one per row with children indented and choice values without their prefix', () => {
    const rows = readableSettings({
      settings: [
        {
          settingInstance: {
            settingDefinitionId: 'com.apple.security.firewall_com.apple.security.firewall',
            groupSettingCollectionValue: [
              { children: [{ settingDefinitionId: 'com.apple.security.firewall_blockallincoming', choiceSettingValue: { value: 'com.apple.security.firewall_blockallincoming_false', children: [] } }] },
            ],
          },
        },
      ],
    });
    expect(rows).toEqual([
      { depth: 0, id: 'com.apple.security.firewall_com.apple.security.firewall', value: null },
      { depth: 1, id: 'com.apple.security.firewall_blockallincoming', value: 'false' },
    ]);
    expect(readableChoice('x_y', 'x_y_1')).toBe('1');
  });

  it('shows plain properties as settings and assignments in words', () => {
    const payload = {
      id: '1', displayName: 'Password', passwordRequired: true, passwordMinimumLength: 8, createdDateTime: 'x',
      assignments: [{ target: { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: 'g', deviceAndAppManagementAssignmentFilterId: 'f', deviceAndAppManagementAssignmentFilterType: 'include' } }],
    };
    expect(readableSettings(payload)).toEqual([
      { depth: 0, id: 'passwordMinimumLength', value: '8' },
      { depth: 0, id: 'passwordRequired', value: 'true' },
    ]);
    expect(readableAssignments(payload)).toEqual([{ target: 'Excluded group', group_id: 'g', filter_id: 'f', filter_mode: 'include' }]);
  });

  it('names an item by displayName or name and reads its platform', () => {
    expect(itemDisplayName({ name: ' Firewall ' }, 'id')).toBe('Firewall');
    expect(itemDisplayName({}, 'id')).toBe('id');
    expect(itemPlatform('settingsCatalogPolicy', { platforms: 'macOS' })).toBe('macos');
    expect(itemPlatform('deviceCompliancePolicy', { '@odata.type': '#microsoft.graph.iosCompliancePolicy' })).toBe('ios');
    expect(itemPlatform('deviceManagementScript', {})).toBe('windows');
    expect(itemPlatform('roleScopeTag', {})).toBe('all');
  });
});
