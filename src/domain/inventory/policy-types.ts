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
  | 'roleScopeTag';

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
}

const deviceConfigurations = 'deviceManagement/deviceConfigurations';
const configurationPolicies = 'deviceManagement/configurationPolicies';

// Spec order. Values of restore, risk, dependencies and graph_resource are contract; label, category and
// platform are presentation and may be refined.
export const policyTypes: readonly PolicyType[] = Object.freeze([
  {
    type: 'deviceConfiguration', label: 'Device configuration', category: 'Configuration', platform: 'all',
    restore: 'enabled', risk: 'medium', dependencies: true, graph_resource: deviceConfigurations, api_version: 'beta',
  },
  {
    type: 'windowsUpdateRing', label: 'Windows update ring', category: 'Windows updates', platform: 'windows',
    restore: 'enabled', risk: 'medium', dependencies: true, graph_resource: deviceConfigurations, api_version: 'beta',
  },
  {
    type: 'settingsCatalogPolicy', label: 'Settings catalog policy', category: 'Configuration', platform: 'all',
    restore: 'enabled', risk: 'medium', dependencies: true, graph_resource: configurationPolicies, api_version: 'beta',
  },
  {
    type: 'endpointSecurityPolicy', label: 'Endpoint security policy', category: 'Endpoint security', platform: 'all',
    restore: 'preview-only', risk: 'high', dependencies: true, graph_resource: configurationPolicies, api_version: 'beta',
  },
  {
    type: 'securityBaselinePolicy', label: 'Security baseline', category: 'Endpoint security', platform: 'windows',
    restore: 'preview-only', risk: 'high', dependencies: true, graph_resource: configurationPolicies, api_version: 'beta',
  },
  {
    type: 'groupPolicyConfiguration', label: 'Administrative template', category: 'Configuration', platform: 'windows',
    restore: 'enabled', risk: 'medium', dependencies: true,
    graph_resource: 'deviceManagement/groupPolicyConfigurations', api_version: 'beta',
  },
  {
    type: 'deviceCompliancePolicy', label: 'Compliance policy', category: 'Compliance', platform: 'all',
    restore: 'enabled', risk: 'high', dependencies: true,
    graph_resource: 'deviceManagement/deviceCompliancePolicies', api_version: 'beta',
  },
  {
    type: 'deviceComplianceScript', label: 'Compliance script', category: 'Compliance', platform: 'windows',
    restore: 'enabled', risk: 'medium-high', dependencies: true,
    graph_resource: 'deviceManagement/deviceComplianceScripts', api_version: 'beta',
  },
  {
    type: 'deviceManagementScript', label: 'Platform script', category: 'Scripts', platform: 'windows',
    restore: 'enabled', risk: 'medium-high', dependencies: true,
    graph_resource: 'deviceManagement/deviceManagementScripts', api_version: 'beta',
  },
  {
    type: 'windowsFeatureUpdateProfile', label: 'Windows feature update profile', category: 'Windows updates',
    platform: 'windows', restore: 'enabled', risk: 'medium', dependencies: true,
    graph_resource: 'deviceManagement/windowsFeatureUpdateProfiles', api_version: 'beta',
  },
  {
    type: 'windowsQualityUpdateProfile', label: 'Windows quality update profile', category: 'Windows updates',
    platform: 'windows', restore: 'enabled', risk: 'medium', dependencies: true,
    graph_resource: 'deviceManagement/windowsQualityUpdateProfiles', api_version: 'beta',
  },
  {
    type: 'windowsDriverUpdateProfile', label: 'Windows driver update profile', category: 'Windows updates',
    platform: 'windows', restore: 'enabled', risk: 'low', dependencies: true,
    graph_resource: 'deviceManagement/windowsDriverUpdateProfiles', api_version: 'beta',
  },
  {
    type: 'appProtectionPolicy', label: 'App protection policy', category: 'App management', platform: 'mobile',
    restore: 'enabled', risk: 'medium', dependencies: true,
    graph_resource: 'deviceAppManagement/managedAppPolicies', api_version: 'beta',
  },
  {
    type: 'mobileAppConfiguration', label: 'App configuration policy', category: 'App management', platform: 'mobile',
    restore: 'enabled', risk: 'low', dependencies: true,
    graph_resource: 'deviceAppManagement/mobileAppConfigurations', api_version: 'beta',
  },
  {
    type: 'enrollmentConfiguration', label: 'Enrollment configuration', category: 'Enrollment', platform: 'all',
    restore: 'preview-only', risk: 'medium', dependencies: true,
    graph_resource: 'deviceManagement/deviceEnrollmentConfigurations', api_version: 'beta',
  },
  {
    type: 'windowsAutopilotDeploymentProfile', label: 'Autopilot deployment profile', category: 'Enrollment',
    platform: 'windows', restore: 'enabled', risk: 'medium', dependencies: true,
    graph_resource: 'deviceManagement/windowsAutopilotDeploymentProfiles', api_version: 'beta',
  },
  {
    type: 'conditionalAccessPolicy', label: 'Conditional Access policy', category: 'Conditional Access',
    platform: 'all', restore: 'preview-only', risk: 'high', dependencies: false,
    graph_resource: 'identity/conditionalAccess/policies', api_version: 'v1.0',
  },
  {
    type: 'assignmentFilter', label: 'Assignment filter', category: 'Tenant administration', platform: 'all',
    restore: 'enabled', risk: 'low', dependencies: false,
    graph_resource: 'deviceManagement/assignmentFilters', api_version: 'beta',
  },
  {
    type: 'roleScopeTag', label: 'Scope tag', category: 'Tenant administration', platform: 'all',
    restore: 'enabled', risk: 'low', dependencies: false,
    graph_resource: 'deviceManagement/roleScopeTags', api_version: 'beta',
  },
] satisfies PolicyType[]);

const byType = new Map<string, PolicyType>(policyTypes.map((entry) => [entry.type, entry]));

export function findPolicyType(type: string): PolicyType | undefined {
  return byType.get(type);
}

export function isPolicyTypeName(type: string): type is PolicyTypeName {
  return byType.has(type);
}
