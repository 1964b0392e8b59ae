// The policy-type registry (SPEC §7): the one home of every fact the product knows about an Intune
// policy type. Inventory sync, coverage, drift severity and GET /api/policy-types all read it from here,
// so a type's restore mode or risk can never disagree between surfaces.

export type RestoreMode = 'enabled' | 'preview-only';
export type RiskLevel = 'high' | 'medium-high' | 'medium' | 'low';
export type GraphApiVersion = 'beta' | 'v1.0';

export type PolicyCategory =
  | 'Configuration'
  | 'Compliance'
  | 'Endpoint security'
  | 'Scripts'
  | 'Windows updates'
  | 'App management'
  | 'Enrollment'
  | 'Conditional Access'
  | 'Tenant administration';

export type PolicyPlatform = 'all' | 'windows' | 'mobile';

export type PolicyTypeName =
  | 'deviceConfiguration'
  | 'windowsUpdateRing'
  | 'settingsCatalogPolicy'
  | 'endpointSecurityPolicy'
  | 'securityBaselinePolicy'
  | 'groupPolicyConfiguration'
  | 'deviceCompliancePolicy'
  | 'deviceComplianceScript'
  | 'deviceManagementScript'
  | 'windowsFeatureUpdateProfile'
  | 'windowsQualityUpdateProfile'
  | 'windowsDriverUpdateProfile'
  | 'appProtectionPolicy'
  | 'mobileAppConfiguration'
  | 'enrollmentConfiguration'
  | 'windowsAutopilotDeploymentProfile'
  | 'conditionalAccessPolicy'
  | 'assignmentFilter'
  | 'roleScopeTag'
  // Added by the Graph fidelity work (issue 19, SPEC §7).
  | 'endpointSecurityIntent'
  | 'deviceHealthScript'
  | 'deviceShellScript'
  | 'compliancePolicyV2'
  | 'windowsQualityUpdatePolicy'
  | 'managedAppConfiguration';

export interface PolicyType {
  readonly type: PolicyTypeName;
  readonly label: string;
  readonly category: PolicyCategory;
  readonly platform: PolicyPlatform;
  readonly restore: RestoreMode;
  readonly risk: RiskLevel;
  /** The type has assignments, scope tags or filters to resolve. */
  readonly dependencies: boolean;
  /** Collection path relative to `{graph}/{api_version}/`. Several types may share one resource. */
  readonly graph_resource: string;
  /** Intune endpoints are beta-only in practice, so every deviceManagement/deviceAppManagement type uses beta. */
  readonly api_version: GraphApiVersion;
  /**
   * The Microsoft Graph application permissions a read of this type needs (least privilege; the first one is
   * the one to grant). Shown by GET /api/policy-types and named by provider.verify when Graph refuses a read.
   * Sources: each resource's "List" page under learn.microsoft.com/graph/api (Permissions table); see
   * docs/PERMISSIONS.md.
   */
  readonly required_permissions: readonly string[];
  /**
   * Properties the service changes by itself (counters, runtime state, values derived from other objects).
   * Normalization ignores them, so a re-read whose only difference is one of these is not drift. A plain name
   * is a top-level property; `child.name` is a property of every element of the child collection `child`.
   */
  readonly volatile_fields: readonly string[];
}

const deviceConfigurations = 'deviceManagement/deviceConfigurations';
const configurationPolicies = 'deviceManagement/configurationPolicies';
const managedAppPolicies = 'deviceAppManagement/managedAppPolicies';

// Application permissions per Graph resource (SPEC §7): the Application row of the Permissions table of each
// resource's beta "List" page, learn.microsoft.com/graph/api/<page>?view=graph-rest-beta (source:
// github.com/microsoftgraph/microsoft-graph-docs-contrib, api-reference/beta/api/<page>.md). Read-only
// permissions only, in the page's order (least privileged first); ANY ONE of a list allows the read. Restore
// will need the ReadWrite counterparts (docs/PERMISSIONS.md). provider.verify probes each resource once.
const permissions = {
  // intune-deviceconfig-deviceconfiguration-list, intune-deviceconfig-devicecompliancepolicy-list,
  // intune-deviceconfigv2-devicemanagementconfigurationpolicy-list, intune-deviceconfigv2-devicemanagementcompliancepolicy-list,
  // intune-grouppolicy-grouppolicyconfiguration-list, intune-deviceintent-devicemanagementintent-list,
  // intune-softwareupdate-windowsfeatureupdateprofile-list, -windowsqualityupdateprofile-list,
  // -windowsdriverupdateprofile-list, -windowsqualityupdatepolicy-list,
  // intune-policyset-deviceandappmanagementassignmentfilter-list: DeviceManagementConfiguration.Read.All.
  config: ['DeviceManagementConfiguration.Read.All'],
  // intune-shared-devicemanagementscript-list: DeviceManagementScripts.Read.All, and under "Device management"
  // DeviceManagementConfiguration.Read.All (older versions of the page named DeviceManagementManagedDevices.Read.All).
  platformScripts: ['DeviceManagementScripts.Read.All', 'DeviceManagementConfiguration.Read.All'],
  // intune-devices-devicehealthscript-list and intune-devices-deviceshellscript-list: DeviceManagementScripts.Read.All
  // only (both pages named DeviceManagementConfiguration.Read.All before the Scripts permissions existed).
  scripts: ['DeviceManagementScripts.Read.All'],
  // intune-devices-devicecompliancescript-list: DeviceManagementConfiguration.Read.All, DeviceManagementManagedDevices.Read.All.
  complianceScripts: ['DeviceManagementConfiguration.Read.All', 'DeviceManagementManagedDevices.Read.All'],
  // intune-mam-managedapppolicy-list (the derived app-protection and targetedManagedAppConfiguration sets alike).
  apps: ['DeviceManagementApps.Read.All'],
  // intune-apps-manageddevicemobileappconfiguration-list: DeviceManagementConfiguration.Read.All, DeviceManagementApps.Read.All.
  appConfig: ['DeviceManagementConfiguration.Read.All', 'DeviceManagementApps.Read.All'],
  // intune-onboarding-deviceenrollmentconfiguration-list: DeviceManagementServiceConfig.Read.All, DeviceManagementConfiguration.Read.All.
  enrollment: ['DeviceManagementServiceConfig.Read.All', 'DeviceManagementConfiguration.Read.All'],
  // intune-enrollment-windowsautopilotdeploymentprofile-list: DeviceManagementServiceConfig.Read.All.
  autopilot: ['DeviceManagementServiceConfig.Read.All'],
  // intune-rbac-rolescopetag-list: DeviceManagementConfiguration.Read.All, DeviceManagementRBAC.Read.All.
  scopeTags: ['DeviceManagementConfiguration.Read.All', 'DeviceManagementRBAC.Read.All'],
  // conditionalaccessroot-list-policies (v1.0): Policy.Read.All.
  ca: ['Policy.Read.All'],
} as const;

// windowsUpdateForBusinessConfiguration (Graph beta metadata): the pause expiry and rollback properties are
// documented as read-only runtime state the service sets when an administrator pauses or rolls back a ring; the
// ring's own settings (including whether it is paused) stay content.
const updateRingRuntimeFields = [
  'qualityUpdatesPauseExpiryDateTime',
  'featureUpdatesPauseExpiryDateTime',
  'qualityUpdatesPauseStartDate',
  'featureUpdatesPauseStartDate',
  'qualityUpdatesRollbackStartDateTime',
  'featureUpdatesRollbackStartDateTime',
  'qualityUpdatesWillBeRolledBack',
  'featureUpdatesWillBeRolledBack',
];

// Spec order. Values of restore, risk, dependencies and graph_resource are contract; label, category and
// platform are presentation and may be refined.
export const policyTypes: readonly PolicyType[] = Object.freeze([
  {
    type: 'deviceConfiguration', label: 'Device configuration', category: 'Configuration', platform: 'all',
    restore: 'enabled', risk: 'medium', dependencies: true, graph_resource: deviceConfigurations, api_version: 'beta',
    required_permissions: permissions.config, volatile_fields: [],
  },
  {
    type: 'windowsUpdateRing', label: 'Windows update ring', category: 'Windows updates', platform: 'windows',
    restore: 'enabled', risk: 'medium', dependencies: true, graph_resource: deviceConfigurations, api_version: 'beta',
    required_permissions: permissions.config, volatile_fields: updateRingRuntimeFields,
  },
  {
    type: 'settingsCatalogPolicy', label: 'Settings catalog policy', category: 'Configuration', platform: 'all',
    restore: 'enabled', risk: 'medium', dependencies: true, graph_resource: configurationPolicies, api_version: 'beta',
    required_permissions: permissions.config, volatile_fields: [],
  },
  {
    type: 'endpointSecurityPolicy', label: 'Endpoint security policy', category: 'Endpoint security', platform: 'all',
    restore: 'preview-only', risk: 'high', dependencies: true, graph_resource: configurationPolicies, api_version: 'beta',
    required_permissions: permissions.config, volatile_fields: [],
  },
  {
    type: 'securityBaselinePolicy', label: 'Security baseline', category: 'Endpoint security', platform: 'windows',
    restore: 'preview-only', risk: 'high', dependencies: true, graph_resource: configurationPolicies, api_version: 'beta',
    required_permissions: permissions.config, volatile_fields: [],
  },
  {
    type: 'groupPolicyConfiguration', label: 'Administrative template', category: 'Configuration', platform: 'windows',
    restore: 'enabled', risk: 'medium', dependencies: true,
    graph_resource: 'deviceManagement/groupPolicyConfigurations', api_version: 'beta',
    required_permissions: permissions.config, volatile_fields: [],
  },
  {
    type: 'deviceCompliancePolicy', label: 'Compliance policy', category: 'Compliance', platform: 'all',
    restore: 'enabled', risk: 'high', dependencies: true,
    graph_resource: 'deviceManagement/deviceCompliancePolicies', api_version: 'beta',
    required_permissions: permissions.config, volatile_fields: [],
  },
  {
    type: 'deviceComplianceScript', label: 'Compliance script', category: 'Compliance', platform: 'windows',
    restore: 'enabled', risk: 'medium-high', dependencies: true,
    graph_resource: 'deviceManagement/deviceComplianceScripts', api_version: 'beta',
    required_permissions: permissions.complianceScripts, volatile_fields: [],
  },
  {
    type: 'deviceManagementScript', label: 'Platform script', category: 'Scripts', platform: 'windows',
    restore: 'enabled', risk: 'medium-high', dependencies: true,
    graph_resource: 'deviceManagement/deviceManagementScripts', api_version: 'beta',
    required_permissions: permissions.platformScripts, volatile_fields: [],
  },
  {
    type: 'windowsFeatureUpdateProfile', label: 'Windows feature update profile', category: 'Windows updates',
    platform: 'windows', restore: 'enabled', risk: 'medium', dependencies: true,
    graph_resource: 'deviceManagement/windowsFeatureUpdateProfiles', api_version: 'beta',
    required_permissions: permissions.config, volatile_fields: ['endOfSupportDate', 'deployableContentDisplayName'],
  },
  {
    type: 'windowsQualityUpdateProfile', label: 'Windows quality update profile', category: 'Windows updates',
    platform: 'windows', restore: 'enabled', risk: 'medium', dependencies: true,
    graph_resource: 'deviceManagement/windowsQualityUpdateProfiles', api_version: 'beta',
    required_permissions: permissions.config, volatile_fields: ['releaseDateDisplayText', 'deployableContentDisplayName'],
  },
  {
    type: 'windowsDriverUpdateProfile', label: 'Windows driver update profile', category: 'Windows updates',
    platform: 'windows', restore: 'enabled', risk: 'low', dependencies: true,
    graph_resource: 'deviceManagement/windowsDriverUpdateProfiles', api_version: 'beta',
    required_permissions: permissions.config, volatile_fields: ['deviceReporting', 'newUpdates', 'inventorySyncStatus', 'driverInventories.applicableDeviceCount', 'driverInventories.category'],
  },
  {
    type: 'appProtectionPolicy', label: 'App protection policy', category: 'App management', platform: 'mobile',
    restore: 'enabled', risk: 'medium', dependencies: true,
    graph_resource: managedAppPolicies, api_version: 'beta',
    required_permissions: permissions.apps, volatile_fields: ['deployedAppCount'],
  },
  {
    type: 'mobileAppConfiguration', label: 'App configuration policy', category: 'App management', platform: 'mobile',
    restore: 'enabled', risk: 'low', dependencies: true,
    graph_resource: 'deviceAppManagement/mobileAppConfigurations', api_version: 'beta',
    required_permissions: permissions.appConfig, volatile_fields: [],
  },
  {
    type: 'enrollmentConfiguration', label: 'Enrollment configuration', category: 'Enrollment', platform: 'all',
    restore: 'preview-only', risk: 'medium', dependencies: true,
    graph_resource: 'deviceManagement/deviceEnrollmentConfigurations', api_version: 'beta',
    required_permissions: permissions.enrollment, volatile_fields: ['priority'],
  },
  {
    type: 'windowsAutopilotDeploymentProfile', label: 'Autopilot deployment profile', category: 'Enrollment',
    platform: 'windows', restore: 'enabled', risk: 'medium', dependencies: true,
    graph_resource: 'deviceManagement/windowsAutopilotDeploymentProfiles', api_version: 'beta',
    required_permissions: permissions.autopilot, volatile_fields: [],
  },
  {
    type: 'conditionalAccessPolicy', label: 'Conditional Access policy', category: 'Conditional Access',
    platform: 'all', restore: 'preview-only', risk: 'high', dependencies: false,
    graph_resource: 'identity/conditionalAccess/policies', api_version: 'v1.0',
    required_permissions: permissions.ca, volatile_fields: [],
  },
  {
    type: 'assignmentFilter', label: 'Assignment filter', category: 'Tenant administration', platform: 'all',
    restore: 'enabled', risk: 'low', dependencies: false,
    graph_resource: 'deviceManagement/assignmentFilters', api_version: 'beta',
    required_permissions: permissions.config, volatile_fields: ['payloads'],
  },
  {
    type: 'roleScopeTag', label: 'Scope tag', category: 'Tenant administration', platform: 'all',
    restore: 'enabled', risk: 'low', dependencies: false,
    graph_resource: 'deviceManagement/roleScopeTags', api_version: 'beta',
    required_permissions: permissions.scopeTags, volatile_fields: [],
  },
  // The Graph fidelity work's types (issue 19). Same rules: restore and risk follow the nearest spec type.
  {
    type: 'endpointSecurityIntent', label: 'Endpoint security policy (intent)', category: 'Endpoint security',
    platform: 'windows', restore: 'preview-only', risk: 'high', dependencies: true,
    graph_resource: 'deviceManagement/intents', api_version: 'beta',
    required_permissions: permissions.config, volatile_fields: ['isMigratingToConfigurationPolicy'],
  },
  {
    type: 'deviceHealthScript', label: 'Remediation script', category: 'Scripts', platform: 'windows',
    restore: 'enabled', risk: 'medium-high', dependencies: true,
    graph_resource: 'deviceManagement/deviceHealthScripts', api_version: 'beta',
    required_permissions: permissions.scripts, volatile_fields: ['highestAvailableVersion'],
  },
  {
    type: 'deviceShellScript', label: 'Shell script (macOS)', category: 'Scripts', platform: 'all',
    restore: 'enabled', risk: 'medium-high', dependencies: true,
    graph_resource: 'deviceManagement/deviceShellScripts', api_version: 'beta',
    required_permissions: permissions.scripts, volatile_fields: [],
  },
  {
    type: 'compliancePolicyV2', label: 'Compliance policy (settings catalog)', category: 'Compliance', platform: 'all',
    restore: 'enabled', risk: 'high', dependencies: true,
    graph_resource: 'deviceManagement/compliancePolicies', api_version: 'beta',
    required_permissions: permissions.config, volatile_fields: [],
  },
  {
    type: 'windowsQualityUpdatePolicy', label: 'Windows quality update policy (hotpatch)', category: 'Windows updates',
    platform: 'windows', restore: 'enabled', risk: 'medium', dependencies: true,
    graph_resource: 'deviceManagement/windowsQualityUpdatePolicies', api_version: 'beta',
    required_permissions: permissions.config, volatile_fields: [],
  },
  {
    type: 'managedAppConfiguration', label: 'App configuration policy (managed apps)', category: 'App management',
    platform: 'mobile', restore: 'enabled', risk: 'low', dependencies: true,
    graph_resource: managedAppPolicies, api_version: 'beta',
    required_permissions: permissions.apps, volatile_fields: ['deployedAppCount'],
  },
] satisfies PolicyType[]);

const byType = new Map<string, PolicyType>(policyTypes.map((entry) => [entry.type, entry]));

export function findPolicyType(type: string): PolicyType | undefined {
  return byType.get(type);
}

export function isPolicyTypeName(type: string): type is PolicyTypeName {
  return byType.has(type);
}
