import { describe, expect, it } from 'vitest';
import { comparePolicies } from '../../src/domain/drift/compare-policy';
import { canonicalJson, findPolicyType, normalizePolicy } from '../../src/domain/inventory';

// Values the service changes by itself (SPEC §7, issue 19): a re-read of a policy whose only difference is one of
// them must compare equal — no drift, no new content hash. Each case is a policy as Graph serves it (fields from the
// beta metadata of its resource) read twice, the second time with the service's own changes. And each case checks
// the other direction too: a change an administrator makes next to them is still drift.
interface VolatileCase {
  type: string;
  first: Record<string, unknown>;
  reread: Record<string, unknown>;
  /** A change an administrator makes, on top of the re-read: must still be found. */
  edited: Record<string, unknown>;
}

const driverProfile = {
  '@odata.type': '#microsoft.graph.windowsDriverUpdateProfile',
  id: 'd1', displayName: 'Drivers - manual', approvalType: 'manual', deploymentDeferralInDays: 0,
  deviceReporting: 12, newUpdates: 3,
  inventorySyncStatus: { lastSuccessfulSyncDateTime: '2026-12-01T10:00:00Z', driverInventorySyncState: 'success' },
  driverInventories: [
    { id: 'drv-a', name: 'Intel Graphics', version: '31.0.101', approvalStatus: 'approved', applicableDeviceCount: 10, category: 'recommended', deployDateTime: '2026-11-01T00:00:00Z' },
    { id: 'drv-b', name: 'Realtek Audio', version: '6.0.9', approvalStatus: 'needsReview', applicableDeviceCount: 4, category: 'other' },
  ],
};

const updateRing = {
  '@odata.type': '#microsoft.graph.windowsUpdateForBusinessConfiguration',
  id: 'r1', displayName: 'Ring 1', qualityUpdatesDeferralPeriodInDays: 3, qualityUpdatesPaused: false,
  qualityUpdatesPauseExpiryDateTime: '0001-01-01T00:00:00Z', featureUpdatesPauseExpiryDateTime: '0001-01-01T00:00:00Z',
  qualityUpdatesWillBeRolledBack: false, featureUpdatesWillBeRolledBack: false,
  qualityUpdatesRollbackStartDateTime: '0001-01-01T00:00:00Z', featureUpdatesRollbackStartDateTime: '0001-01-01T00:00:00Z',
};

const cases: VolatileCase[] = [
  {
    type: 'windowsDriverUpdateProfile',
    first: driverProfile,
    reread: {
      ...driverProfile,
      deviceReporting: 14, newUpdates: 5,
      inventorySyncStatus: { lastSuccessfulSyncDateTime: '2026-12-02T10:00:00Z', driverInventorySyncState: 'success' },
      driverInventories: [
        { ...driverProfile.driverInventories[0], applicableDeviceCount: 12, category: 'previouslyApproved' },
        driverProfile.driverInventories[1],
        // Windows Update offered a new driver; nobody decided anything about it yet.
        { id: 'drv-c', name: 'Synaptics Touchpad', version: '19.5', approvalStatus: 'needsReview', applicableDeviceCount: 2, category: 'other' },
      ],
    },
    edited: { ...driverProfile, driverInventories: [driverProfile.driverInventories[0], { ...driverProfile.driverInventories[1], approvalStatus: 'declined' }] },
  },
  {
    type: 'assignmentFilter',
    first: { '@odata.type': '#microsoft.graph.deviceAndAppManagementAssignmentFilter', id: 'f1', displayName: 'Corporate', platform: 'windows10AndLater', rule: '(device.deviceOwnership -eq "Corporate")', payloads: [] },
    reread: { '@odata.type': '#microsoft.graph.deviceAndAppManagementAssignmentFilter', id: 'f1', displayName: 'Corporate', platform: 'windows10AndLater', rule: '(device.deviceOwnership -eq "Corporate")', payloads: [{ payloadId: 'p9', payloadType: 'deviceConfigurationAndCompliance', groupId: 'g1', assignmentFilterType: 'include' }] },
    edited: { '@odata.type': '#microsoft.graph.deviceAndAppManagementAssignmentFilter', id: 'f1', displayName: 'Corporate', platform: 'windows10AndLater', rule: '(device.deviceOwnership -eq "Personal")', payloads: [] },
  },
  {
    type: 'appProtectionPolicy',
    first: { '@odata.type': '#microsoft.graph.iosManagedAppProtection', id: 'T_1', displayName: 'iOS BYOD', pinRequired: true, deployedAppCount: 10 },
    reread: { '@odata.type': '#microsoft.graph.iosManagedAppProtection', id: 'T_1', displayName: 'iOS BYOD', pinRequired: true, deployedAppCount: 11 },
    edited: { '@odata.type': '#microsoft.graph.iosManagedAppProtection', id: 'T_1', displayName: 'iOS BYOD', pinRequired: false, deployedAppCount: 10 },
  },
  {
    type: 'managedAppConfiguration',
    first: { '@odata.type': '#microsoft.graph.targetedManagedAppConfiguration', id: 'A_1', displayName: 'Outlook config', deployedAppCount: 2, customSettings: [{ name: 'k', value: 'v' }] },
    reread: { '@odata.type': '#microsoft.graph.targetedManagedAppConfiguration', id: 'A_1', displayName: 'Outlook config', deployedAppCount: 3, customSettings: [{ name: 'k', value: 'v' }] },
    edited: { '@odata.type': '#microsoft.graph.targetedManagedAppConfiguration', id: 'A_1', displayName: 'Outlook config', deployedAppCount: 2, customSettings: [{ name: 'k', value: 'w' }] },
  },
  {
    type: 'windowsUpdateRing',
    first: updateRing,
    reread: {
      ...updateRing,
      qualityUpdatesPauseExpiryDateTime: '2027-01-05T00:00:00Z', featureUpdatesPauseExpiryDateTime: '2027-01-05T00:00:00Z',
      qualityUpdatesWillBeRolledBack: true, featureUpdatesWillBeRolledBack: true,
      qualityUpdatesRollbackStartDateTime: '2026-12-02T00:00:00Z', featureUpdatesRollbackStartDateTime: '2026-12-02T00:00:00Z',
    },
    edited: { ...updateRing, qualityUpdatesDeferralPeriodInDays: 0 },
  },
  {
    type: 'enrollmentConfiguration',
    first: { '@odata.type': '#microsoft.graph.deviceEnrollmentLimitConfiguration', id: 'e1', displayName: 'Limit', limit: 5, priority: 2 },
    // Another configuration was deleted or reordered: Intune renumbers the rest by itself.
    reread: { '@odata.type': '#microsoft.graph.deviceEnrollmentLimitConfiguration', id: 'e1', displayName: 'Limit', limit: 5, priority: 1 },
    edited: { '@odata.type': '#microsoft.graph.deviceEnrollmentLimitConfiguration', id: 'e1', displayName: 'Limit', limit: 15, priority: 2 },
  },
  {
    type: 'windowsFeatureUpdateProfile',
    first: { '@odata.type': '#microsoft.graph.windowsFeatureUpdateProfile', id: 'u1', displayName: 'Win 11 24H2', featureUpdateVersion: 'Windows 11, version 24H2', endOfSupportDate: '2026-10-13T00:00:00Z', deployableContentDisplayName: 'Windows 11, version 24H2' },
    reread: { '@odata.type': '#microsoft.graph.windowsFeatureUpdateProfile', id: 'u1', displayName: 'Win 11 24H2', featureUpdateVersion: 'Windows 11, version 24H2', endOfSupportDate: '2027-10-12T00:00:00Z', deployableContentDisplayName: 'Windows 11, version 24H2 (Enterprise)' },
    edited: { '@odata.type': '#microsoft.graph.windowsFeatureUpdateProfile', id: 'u1', displayName: 'Win 11 24H2', featureUpdateVersion: 'Windows 11, version 23H2', endOfSupportDate: '2026-10-13T00:00:00Z', deployableContentDisplayName: 'Windows 11, version 24H2' },
  },
];

const normalized = (type: string, payload: Record<string, unknown>) => normalizePolicy(payload, type);

describe('volatile fields (SPEC §7)', () => {
  it.each(cases)('$type: a re-read whose only changes are the service\'s own is not drift', ({ type, first, reread }) => {
    expect(findPolicyType(type)?.volatile_fields.length).toBeGreaterThan(0);
    expect(comparePolicies(normalized(type, first), normalized(type, reread))).toEqual([]);
    expect(canonicalJson(normalized(type, reread))).toBe(canonicalJson(normalized(type, first)));
  });

  it.each(cases)('$type: an administrator\'s change next to them is still drift', ({ type, first, edited }) => {
    expect(comparePolicies(normalized(type, first), normalized(type, edited)).length).toBeGreaterThan(0);
  });

  it('ignores a type\'s volatile fields only for that type', () => {
    const withCount = { '@odata.type': '#microsoft.graph.deviceEnrollmentLimitConfiguration', displayName: 'x', priority: 1 };
    expect(normalized('deviceConfiguration', withCount)['priority']).toBe(1);
    expect(normalized('enrollmentConfiguration', withCount)['priority']).toBeUndefined();
  });

  it('is idempotent, so a stored baseline normalized under older rules can be normalized again', () => {
    for (const { type, first } of cases) {
      const once = normalized(type, first);
      expect(canonicalJson(normalized(type, once as Record<string, unknown>))).toBe(canonicalJson(once));
    }
  });

  it('does not count catalog metadata Graph expands beside a setting as the policy\'s content', () => {
    const setting = (definitions: unknown[]) => ({
      settings: [{
        id: '0',
        settingInstance: { settingDefinitionId: 'a_b', choiceSettingValue: { value: 'a_b_1', children: [] } },
        settingDefinitions: definitions,
      }],
      definitionValues: [{ id: 'v', enabled: true, definition: { id: 'def-1', displayName: 'Old text', explainText: 'Old' } }],
    });
    const a = setting([{ id: 'a_b', displayName: 'Allow B' }]);
    const b = { ...setting([{ id: 'a_b', displayName: 'Allow B (renamed by Microsoft)' }]), definitionValues: [{ id: 'v', enabled: true, definition: { id: 'def-1', displayName: 'New text', explainText: 'New' } }] };
    expect(canonicalJson(normalizePolicy(b))).toBe(canonicalJson(normalizePolicy(a)));
  });
});
