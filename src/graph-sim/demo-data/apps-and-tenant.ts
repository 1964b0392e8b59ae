// App protection and app configuration, Conditional Access, assignment filters and scope tags.
import { intuneEntity, type DemoContext } from './entity-basics';
import type { DemoEntitySpec } from './demo-entity-spec';

const entity = (odataType: string, fields: (context: DemoContext) => Record<string, unknown>) =>
  (context: DemoContext, name: string) => intuneEntity(context, odataType, name, fields(context));

const appProtection = (odataType: string) =>
  entity(odataType, ({ rng }) => ({
    version: `"${rng.guid()}"`,
    periodOfflineBeforeAccessCheck: 'PT12H',
    periodOnlineBeforeAccessCheck: 'PT30M',
    allowedInboundDataTransferSources: 'allApps',
    allowedOutboundDataTransferDestinations: 'managedApps',
    allowedOutboundClipboardSharingLevel: 'managedAppsWithPasteIn',
    dataBackupBlocked: true,
    deviceComplianceRequired: true,
    pinRequired: true,
    maximumPinRetries: rng.pick([5, 10]),
    simplePinBlocked: true,
    minimumPinLength: rng.pick([4, 6]),
    periodOfflineBeforeWipeIsEnforced: 'P90D',
    saveAsBlocked: true,
    isAssigned: true,
    appGroupType: 'selectedPublicApps',
    targetedAppManagementLevels: 'unspecified',
    // Set by the service (volatile-fields.ts): how many apps the policy is deployed to.
    deployedAppCount: rng.int(2, 12),
  }));

// Managed-app configuration lives in the same base set (managedAppPolicies) as protection; its apps and assignments
// are on its own derived set, targetedManagedAppConfigurations.
const managedAppConfiguration = entity('#microsoft.graph.targetedManagedAppConfiguration', ({ rng }) => ({
  version: `"${rng.guid()}"`,
  customSettings: [
    { name: 'com.microsoft.intune.mam.managedbrowser.homepage', value: 'https://intranet.contoso.com' },
    { name: 'com.microsoft.intune.mam.managedbrowser.bookmarks', value: 'Intranet|https://intranet.contoso.com||HR|https://hr.contoso.com' },
  ],
  appGroupType: 'selectedPublicApps',
  targetedAppManagementLevels: 'unspecified',
  isAssigned: true,
  deployedAppCount: rng.int(1, 3),
}));

/** deviceAppManagement/managedAppPolicies: app protection of each platform and one managed-app configuration. */
export const appProtectionPolicySpecs: DemoEntitySpec[] = [
  { name: 'iOS - App Protection - U - BYOD - v1.0', always: true, build: appProtection('#microsoft.graph.iosManagedAppProtection') },
  { name: 'Android - App Protection - U - BYOD - v1.0', always: true, build: appProtection('#microsoft.graph.androidManagedAppProtection') },
  { name: 'iOS - App Protection - U - Corporate - v1.0', build: appProtection('#microsoft.graph.iosManagedAppProtection') },
  { name: 'iOS - App Configuration - U - Edge Managed Browser - v1.0', always: true, build: managedAppConfiguration },
];

export const mobileAppConfigurationSpecs: DemoEntitySpec[] = [
  {
    name: 'iOS - App Configuration - U - Outlook - v1.0',
    build: entity('#microsoft.graph.iosMobileAppConfiguration', ({ rng }) => ({
      version: 1,
      targetedMobileApps: [rng.guid()],
      settings: [
        { appConfigKey: 'com.microsoft.outlook.Mail.FocusedInbox', appConfigKeyType: 'booleanType', appConfigKeyValue: 'true' },
        { appConfigKey: 'IntuneMAMAllowedAccountsOnly', appConfigKeyType: 'stringType', appConfigKeyValue: 'Enabled' },
      ],
    })),
  },
  {
    name: 'Android - App Configuration - U - Microsoft Teams - v1.0',
    build: entity('#microsoft.graph.androidManagedStoreAppConfiguration', () => ({
      version: 1,
      packageId: 'app:com.microsoft.teams',
      profileApplicability: 'androidWorkProfile',
      payloadJson: Buffer.from('{"kind":"androidenterprise#managedConfiguration","managedProperty":[]}').toString('base64'),
      connectedAppsEnabled: false,
    })),
  },
];

const conditionalAccess = (fields: (context: DemoContext) => Record<string, unknown>) =>
  (context: DemoContext, name: string) => {
    // Conditional Access policies are identity objects: no Intune scope tags, different date fields.
    const { roleScopeTagIds: _tags, lastModifiedDateTime: _modified, description: _description, ...base } =
      intuneEntity(context, '#microsoft.graph.conditionalAccessPolicy', name, {});
    return { ...base, modifiedDateTime: null, templateId: null, ...fields(context) };
  };

export const conditionalAccessPolicySpecs: DemoEntitySpec[] = [
  {
    name: 'CA001 - Require multifactor authentication for admins', always: true,
    build: conditionalAccess(({ rng }) => ({
      state: 'enabled',
      conditions: {
        users: { includeRoles: ['62e90394-69f5-4237-9190-012177145e10'], excludeUsers: [rng.guid()] },
        applications: { includeApplications: ['All'] },
        clientAppTypes: ['all'],
      },
      grantControls: { operator: 'OR', builtInControls: ['mfa'] },
    })),
  },
  {
    name: 'CA002 - Block legacy authentication', always: true,
    build: conditionalAccess(() => ({
      state: 'enabled',
      conditions: {
        users: { includeUsers: ['All'] },
        applications: { includeApplications: ['All'] },
        clientAppTypes: ['exchangeActiveSync', 'other'],
      },
      grantControls: { operator: 'OR', builtInControls: ['block'] },
    })),
  },
  {
    name: 'CA003 - Require compliant device',
    build: conditionalAccess(({ rng }) => ({
      state: rng.pick(['enabled', 'enabledForReportingButNotEnforced']),
      conditions: {
        users: { includeUsers: ['All'], excludeGroups: [rng.guid()] },
        applications: { includeApplications: ['Office365'] },
        platforms: { includePlatforms: ['windows', 'macOS'] },
        clientAppTypes: ['browser', 'mobileAppsAndDesktopClients'],
      },
      grantControls: { operator: 'OR', builtInControls: ['compliantDevice'] },
    })),
  },
];

const filter = (platform: string, rule: string) =>
  entity('#microsoft.graph.deviceAndAppManagementAssignmentFilter', () => ({
    platform,
    rule,
    assignmentFilterManagementType: 'devices',
  }));

export const assignmentFilterSpecs: DemoEntitySpec[] = [
  { name: 'Windows - Corporate Devices', always: true, build: filter('windows10AndLater', '(device.deviceOwnership -eq "Corporate")') },
  { name: 'Windows - Autopilot Devices', build: filter('windows10AndLater', '(device.enrollmentProfileName -startsWith "Autopilot")') },
  { name: 'iOS - Personal Devices', build: filter('iOS', '(device.deviceOwnership -eq "Personal")') },
];
