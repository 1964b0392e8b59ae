// Windows Update for Business profiles, enrollment configurations and Autopilot profiles.
import { intuneEntity, type DemoContext } from './entity-basics';
import type { DemoEntitySpec } from './demo-entity-spec';

const entity = (odataType: string, fields: (context: DemoContext) => Record<string, unknown>) =>
  (context: DemoContext, name: string) => intuneEntity(context, odataType, name, fields(context));

export const windowsFeatureUpdateProfileSpecs: DemoEntitySpec[] = [
  {
    name: 'Windows - Feature Update - D - Windows 11 23H2 - v1.0', always: true,
    build: entity('#microsoft.graph.windowsFeatureUpdateProfile', () => ({
      featureUpdateVersion: 'Windows 11, version 23H2',
      installFeatureUpdatesOptional: false,
      installLatestWindows10OnWindows11IneligibleDevice: true,
      rolloutSettings: { offerStartDateTimeInUTC: null, offerEndDateTimeInUTC: null, offerIntervalInDays: null },
    })),
  },
  {
    name: 'Windows - Feature Update - D - Windows 11 24H2 Pilot - v1.0',
    build: entity('#microsoft.graph.windowsFeatureUpdateProfile', ({ rng }) => ({
      featureUpdateVersion: 'Windows 11, version 24H2',
      installFeatureUpdatesOptional: rng.chance(0.5),
      installLatestWindows10OnWindows11IneligibleDevice: false,
      rolloutSettings: { offerStartDateTimeInUTC: '2025-02-01T00:00:00Z', offerEndDateTimeInUTC: null, offerIntervalInDays: 7 },
    })),
  },
];

export const windowsQualityUpdateProfileSpecs: DemoEntitySpec[] = [
  {
    name: 'Windows - Quality Update - D - Expedite January 2025 - v1.0',
    build: entity('#microsoft.graph.windowsQualityUpdateProfile', ({ rng }) => ({
      releaseDateDisplayText: 'January 14, 2025 - 2025.01 B Security Updates',
      expeditedUpdateSettings: { qualityUpdateRelease: '2025-01-14T00:00:00Z', daysUntilForcedReboot: rng.int(0, 2) },
    })),
  },
];

// deviceReporting, newUpdates and inventorySyncStatus are the service's counters (volatile-fields.ts changes them
// between reads); a manual profile's driver approvals are its driverInventories (policy-children.ts).
const driverRuntime = (rng: DemoContext['rng']) => ({
  deviceReporting: rng.int(20, 400),
  newUpdates: rng.int(0, 12),
  inventorySyncStatus: { driverInventorySyncState: 'success', lastSuccessfulSyncDateTime: rng.pastDate(2) },
});

export const windowsDriverUpdateProfileSpecs: DemoEntitySpec[] = [
  {
    name: 'Windows - Driver Update - D - Manual Approval - v1.0', always: true,
    build: entity('#microsoft.graph.windowsDriverUpdateProfile', ({ rng }) => ({ approvalType: 'manual', deploymentDeferralInDays: null, ...driverRuntime(rng) })),
  },
  {
    name: 'Windows - Driver Update - D - Automatic - v1.0',
    build: entity('#microsoft.graph.windowsDriverUpdateProfile', ({ rng }) => ({
      approvalType: 'automatic', deploymentDeferralInDays: rng.pick([0, 7, 14]), ...driverRuntime(rng),
    })),
  },
];

// Windows quality update policies (hotpatch): deviceManagement/windowsQualityUpdatePolicies (beta).
export const windowsQualityUpdatePolicySpecs: DemoEntitySpec[] = [
  {
    name: 'Windows - Quality Update Policy - D - Hotpatch - v1.0', always: true,
    build: entity('#microsoft.graph.windowsQualityUpdatePolicy', ({ rng }) => ({
      hotpatchEnabled: true,
      approvalSettings: [
        { windowsQualityUpdateCadence: 'monthly', windowsQualityUpdateCategory: 'security', approvalMethodType: 'automatic', deferredDeploymentInDay: rng.pick([0, 3, 7]) },
      ],
    })),
  },
  {
    name: 'Windows - Quality Update Policy - D - Hotpatch Disabled (Servers) - v1.0',
    build: entity('#microsoft.graph.windowsQualityUpdatePolicy', () => ({ hotpatchEnabled: false, approvalSettings: [] })),
  },
];

export const enrollmentConfigurationSpecs: DemoEntitySpec[] = [
  {
    name: 'All Users - Device Limit - U - 15 Devices - v1.0', always: true,
    build: entity('#microsoft.graph.deviceEnrollmentLimitConfiguration', ({ rng }) => ({
      deviceEnrollmentConfigurationType: 'limit', priority: 1, limit: rng.pick([5, 10, 15]),
    })),
  },
  {
    name: 'All Users - Platform Restrictions - U - Block Personal - v1.0',
    build: entity('#microsoft.graph.deviceEnrollmentPlatformRestrictionConfiguration', ({ rng }) => ({
      deviceEnrollmentConfigurationType: 'singlePlatformRestriction',
      priority: 2,
      platformType: 'windows',
      platformRestriction: { platformBlocked: false, personalDeviceEnrollmentBlocked: rng.chance(0.7) },
    })),
  },
  {
    name: 'Windows - Enrollment Status Page - D - Default - v1.0',
    build: entity('#microsoft.graph.windows10EnrollmentCompletionPageConfiguration', ({ rng }) => ({
      deviceEnrollmentConfigurationType: 'windows10EnrollmentCompletionPageConfiguration',
      priority: 3,
      showInstallationProgress: true,
      blockDeviceSetupRetryByUser: false,
      installProgressTimeoutInMinutes: rng.pick([60, 90, 120]),
      allowLogCollectionOnInstallFailure: true,
    })),
  },
];

const autopilot = (deviceUsageType: 'singleUser' | 'shared') =>
  entity('#microsoft.graph.azureADWindowsAutopilotDeploymentProfile', ({ rng }) => ({
    language: 'os-default',
    deviceNameTemplate: rng.pick(['ATL-%SERIAL%', 'CORP-%RAND:6%']),
    enableWhiteGlove: deviceUsageType === 'singleUser',
    extractHardwareHash: true,
    deviceType: 'windowsPc',
    outOfBoxExperienceSettings: {
      hidePrivacySettings: true,
      hideEULA: true,
      userType: 'standard',
      deviceUsageType,
      skipKeyboardSelectionPage: true,
      hideEscapeLink: true,
    },
  }));

export const autopilotProfileSpecs: DemoEntitySpec[] = [
  { name: 'Windows - Autopilot - D - User Driven - v1.0', always: true, build: autopilot('singleUser') },
  { name: 'Windows - Autopilot - D - Self Deploying Kiosk - v1.0', build: autopilot('shared') },
];
