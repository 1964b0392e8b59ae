// The drift core (SPEC §7): normalized comparison by identity, severity, and how a scan moves findings.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  changedPolicyDrift,
  comparePolicies,
  driftCandidates,
  findingSeverity,
  missingPolicyDrift,
  planFindingChanges,
  type DetectedDrift,
  type PolicyHash,
} from '../../src/domain/drift';
import { normalizePolicy } from '../../src/domain/inventory';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function settingsCatalogPolicy(overrides: { values?: Record<string, string>; order?: 'reversed'; ids?: string; assignments?: string[] } = {}) {
  const values = { allowarchivescanning: 'allow_1', allowbehaviormonitoring: 'allow_1', ...overrides.values };
  const settings = Object.entries(values).map(([name, value], index) => ({
    id: `${overrides.ids ?? 's'}-${index}`,
    settingInstance: {
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
      settingDefinitionId: `device_vendor_msft_policy_config_defender_${name}`,
      choiceSettingValue: { value: `device_vendor_msft_policy_config_defender_${name}_${value}`, children: [] },
    },
  }));
  const assignments = (overrides.assignments ?? ['group-a', 'group-b']).map((groupId, index) => ({
    id: `${overrides.ids ?? 'a'}-${index}`,
    target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId },
  }));
  return {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationPolicy',
    id: overrides.ids ?? 'policy-1',
    name: 'Defender AV',
    lastModifiedDateTime: overrides.ids ? '2026-11-30T10:00:00Z' : '2026-01-01T00:00:00Z',
    settingCount: settings.length,
    'settings@odata.context': 'https://graph.microsoft.com/beta/$metadata#settings',
    settings: overrides.order === 'reversed' ? settings.reverse() : settings,
    assignments: overrides.order === 'reversed' ? assignments.reverse() : assignments,
  };
}

describe('comparePolicies', () => {
  it('finds nothing between reorderings, new ids, times, counters and annotations of the same configuration', () => {
    const before = normalizePolicy(settingsCatalogPolicy());
    const after = normalizePolicy(settingsCatalogPolicy({ order: 'reversed', ids: 'other' }));
    expect(comparePolicies(before, after)).toEqual([]);
  });

  it('names a changed setting by its definition, with both values', () => {
    const before = normalizePolicy(settingsCatalogPolicy({ order: 'reversed' }));
    const after = normalizePolicy(settingsCatalogPolicy({ values: { allowarchivescanning: 'allow_0' } }));
    expect(comparePolicies(before, after)).toEqual([
      {
        path: 'settings[device_vendor_msft_policy_config_defender_allowarchivescanning].settingInstance.choiceSettingValue.value',
        area: 'setting',
        change: 'changed',
        baseline: 'device_vendor_msft_policy_config_defender_allowarchivescanning_allow_1',
        current: 'device_vendor_msft_policy_config_defender_allowarchivescanning_allow_0',
      },
    ]);
  });

  it('names added and removed settings and assignments by identity', () => {
    const before = normalizePolicy(settingsCatalogPolicy());
    const after = normalizePolicy(settingsCatalogPolicy({ values: { disablecatchupquickscan: 'true' }, assignments: ['group-b', 'group-c'] }));
    const changes = comparePolicies(before, after);
    expect(changes.map((change) => [change.path, change.area, change.change])).toEqual([
      ['assignments[groupAssignmentTarget:group-a]', 'assignment', 'removed'],
      ['assignments[groupAssignmentTarget:group-c]', 'assignment', 'added'],
      ['settings[device_vendor_msft_policy_config_defender_disablecatchupquickscan]', 'setting', 'added'],
    ]);
    expect(changes[0]!.current).toBeNull();
    expect(changes[1]!.baseline).toBeNull();
  });

  it('names a changed property of the policy itself', () => {
    const changes = comparePolicies(normalizePolicy({ displayName: 'A', passwordRequired: true }), normalizePolicy({ displayName: 'A', passwordRequired: false }));
    expect(changes).toEqual([{ path: 'passwordRequired', area: 'property', change: 'changed', baseline: true, current: false }]);
  });
});

describe('severity (SPEC §7)', () => {
  it('follows the type risk, a missing policy one step higher', () => {
    expect(findingSeverity('changed_policy', 'high')).toBe('high');
    expect(findingSeverity('missing_policy', 'high')).toBe('critical');
    expect(findingSeverity('unexpected_policy', 'medium-high')).toBe('medium');
    expect(findingSeverity('missing_policy', 'medium')).toBe('high');
    expect(findingSeverity('changed_policy', 'low')).toBe('low');
    expect(findingSeverity('missing_policy', 'low')).toBe('medium');
  });
});

describe('drift candidates and drafts', () => {
  const policy = (type: string, id: string, hash: string): PolicyHash => ({ policy_type: type, external_id: id, display_name: id, content_hash: hash });
  it('splits by hash and leaves types outside the comparison alone', () => {
    const baseline = [policy('settingsCatalogPolicy', 'a', 'h1'), policy('settingsCatalogPolicy', 'b', 'h2'), policy('deviceCompliancePolicy', 'c', 'h3')];
    const current = [policy('settingsCatalogPolicy', 'a', 'h1'), policy('settingsCatalogPolicy', 'd', 'h4')];
    const candidates = driftCandidates(baseline, current, new Set(['settingsCatalogPolicy']));
    expect(candidates.missing.map((p) => p.external_id)).toEqual(['b']);
    expect(candidates.unexpected.map((p) => p.external_id)).toEqual(['d']);
    expect(candidates.changed).toEqual([]);
  });

  it('gives the same drift the same fingerprint and different changes different ones', () => {
    const pair = { baseline: policy('settingsCatalogPolicy', 'a', 'h1'), current: policy('settingsCatalogPolicy', 'a', 'h2') };
    const before = normalizePolicy(settingsCatalogPolicy());
    const one = changedPolicyDrift(7, pair, before, normalizePolicy(settingsCatalogPolicy({ values: { allowarchivescanning: 'allow_0' } })), sha)!;
    const again = changedPolicyDrift(7, pair, before, normalizePolicy(settingsCatalogPolicy({ values: { allowarchivescanning: 'allow_0' }, order: 'reversed' })), sha)!;
    const other = changedPolicyDrift(7, pair, before, normalizePolicy(settingsCatalogPolicy({ values: { allowbehaviormonitoring: 'allow_0' } })), sha)!;
    expect(one.fingerprint).toBe(again.fingerprint);
    expect(one.fingerprint).not.toBe(other.fingerprint);
    expect(one.severity).toBe('medium');
    expect(changedPolicyDrift(7, pair, before, normalizePolicy(settingsCatalogPolicy({ order: 'reversed' })), sha)).toBeNull();
    expect(missingPolicyDrift(7, policy('deviceCompliancePolicy', 'c', 'h3'), sha).severity).toBe('critical');
  });
});

describe('planFindingChanges', () => {
  const drift = (fingerprint: string, type = 'settingsCatalogPolicy'): DetectedDrift => ({
    fingerprint, kind: 'changed_policy', severity: 'medium', policy_type: type, external_id: fingerprint, display_name: null, evidence: {},
  });
  it('creates, refreshes, reopens resolved ones, keeps manual closes closed, and resolves only compared types', () => {
    const plan = planFindingChanges(
      [drift('new'), drift('open'), drift('resolved'), drift('accepted')],
      [
        { id: 1, fingerprint: 'open', policy_type: 'settingsCatalogPolicy', status: 'open', closed_reason: null },
        { id: 2, fingerprint: 'resolved', policy_type: 'settingsCatalogPolicy', status: 'closed', closed_reason: 'resolved' },
        { id: 3, fingerprint: 'accepted', policy_type: 'settingsCatalogPolicy', status: 'closed', closed_reason: 'risk_accepted' },
        { id: 4, fingerprint: 'gone', policy_type: 'settingsCatalogPolicy', status: 'open', closed_reason: null },
        { id: 5, fingerprint: 'not-compared', policy_type: 'deviceCompliancePolicy', status: 'open', closed_reason: null },
      ],
      new Set(['settingsCatalogPolicy']),
    );
    expect(plan.create.map((d) => d.fingerprint)).toEqual(['new']);
    expect(plan.stillOpen.map((entry) => entry.id)).toEqual([1]);
    expect(plan.reopen.map((entry) => entry.id)).toEqual([2]);
    expect(plan.stillClosed.map((entry) => entry.id)).toEqual([3]);
    expect(plan.resolve).toEqual([4]);
  });
});
