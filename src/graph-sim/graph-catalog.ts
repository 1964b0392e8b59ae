// graph-sim's own description of the part of Microsoft Graph it serves: which entity sets exist under which API
// versions, their entity types and navigation properties (and which of those can be `$expand`ed), the properties Graph
// leaves out of list answers, and the application permissions that grant a read. It does not look at the product's
// policy-type registry: a simulator that answers the way the product assumes proves nothing (issue 19).
//
// Sources, cited once here and again where a rule is used:
// - Navigation vs. structural properties per entity type: Graph's beta metadata as microsoftgraph/msgraph-metadata
//   publishes it in schemas/type-mappings/beta-entity-types.json (derived from beta_metadata.xml); base types from
//   clean_v10_metadata/cleanMetadata.xml (e.g. iosManagedAppProtection BaseType targetedManagedAppProtection, whose
//   navigation property is `assignments`; managedAppPolicy has none; windowsInformationProtection has `assignments`,
//   `exemptAppLockerFiles`, `protectedAppLockerFiles` but no `apps`).
// - Permissions: each resource's "List"/"Get" page on learn.microsoft.com/graph/api (Permissions table, Application row),
//   e.g. intune-shared-devicemanagementscript-list (DeviceManagementScripts.Read.All, …, DeviceManagementConfiguration.Read.All),
//   Get organization (Organization.Read.All, Directory.Read.All, Organization.ReadWrite.All, Directory.ReadWrite.All),
//   Get group (GroupMember.Read.All, Group.Read.All, Directory.Read.All, Group.ReadWrite.All, Directory.ReadWrite.All),
//   conditionalAccessRoot List policies (Policy.Read.All, Policy.Read.ConditionalAccess, Policy.ReadWrite.ConditionalAccess).
// - Lazy properties: see `lazy` below.

export type GraphVersion = 'v1.0' | 'beta';

/** Which backend answers, because each answers errors in its own words. */
export type GraphService = 'intune' | 'directory' | 'conditionalAccess';

export type NavigationKind = 'collection' | 'single';

export interface EntitySetSpec {
  /** The path after the version, e.g. 'deviceManagement/configurationPolicies'. */
  path: string;
  versions: readonly GraphVersion[];
  service: GraphService;
  /** The entity set's declared entity type (OData validates `$expand` against it), without the namespace. */
  entityType: string;
  /**
   * Navigation properties of the declared type and, for derived types stored in the same set, of each derived type
   * (keyed by '#microsoft.graph.x'); `default` applies to entities without a more specific entry.
   */
  navigation: { default: Record<string, NavigationKind> } & Record<string, Record<string, NavigationKind>>;
  /** Navigation properties Graph lets a client `$expand` on this set (a subset of the declared type's navigation). */
  expandable: readonly string[];
  /** Properties left out of list answers and returned only by a GET of one item. */
  lazy: readonly string[];
  /** Any one of these application permissions grants a read. */
  permissions: readonly string[];
  /**
   * Where the entities are stored when this set is a view of another (the derived app entity sets are views of
   * deviceAppManagement/managedAppPolicies), and which @odata.type the view holds.
   */
  viewOf?: { store: string; odataType: string };
}

// Application permissions per Intune area (each resource's List page; Read.All or ReadWrite.All, either suffices).
const config = ['DeviceManagementConfiguration.Read.All', 'DeviceManagementConfiguration.ReadWrite.All'] as const;
// deviceManagementScripts / deviceShellScripts / deviceHealthScripts / deviceComplianceScripts list pages name
// DeviceManagementScripts.* first and DeviceManagementConfiguration.* for device management (intune-shared-devicemanagementscript-list).
const scripts = ['DeviceManagementScripts.Read.All', 'DeviceManagementScripts.ReadWrite.All', ...config] as const;
const apps = ['DeviceManagementApps.Read.All', 'DeviceManagementApps.ReadWrite.All'] as const;
const serviceConfig = ['DeviceManagementServiceConfig.Read.All', 'DeviceManagementServiceConfig.ReadWrite.All'] as const;
const rbac = ['DeviceManagementRBAC.Read.All', 'DeviceManagementRBAC.ReadWrite.All'] as const;
const policy = ['Policy.Read.All', 'Policy.Read.ConditionalAccess', 'Policy.ReadWrite.ConditionalAccess'] as const;
export const organizationPermissions = ['Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'] as const;
export const groupPermissions = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'] as const;

const beta: readonly GraphVersion[] = ['beta'];
const both: readonly GraphVersion[] = ['v1.0', 'beta'];

const c = 'collection' as const;
const s = 'single' as const;

// Navigation properties of Intune types, as in beta-entity-types.json (inherited ones included).
const deviceConfigurationNav = { assignments: c, deviceSettingStateSummaries: c, deviceStatuses: c, deviceStatusOverview: s, groupAssignments: c, userStatuses: c, userStatusOverview: s };
const scriptNav = { assignments: c, deviceRunStates: c, groupAssignments: c, runSummary: s, userRunStates: c };
const healthScriptNav = { assignments: c, deviceRunStates: c, runSummary: s };
const targetedProtectionNav = { assignments: c, apps: c, deploymentSummary: s };
const informationProtectionNav = { assignments: c, exemptAppLockerFiles: c, protectedAppLockerFiles: c };
const targetedConfigurationNav = { assignments: c, apps: c, deploymentSummary: s, settings: c };

/** The derived types of managedAppPolicy and their own entity sets (beta metadata; v1.0 BaseType chain). */
export const managedAppPolicyDerivedSets: ReadonlyArray<{ set: string; odataType: string; entityType: string; navigation: Record<string, NavigationKind> }> = [
  { set: 'iosManagedAppProtections', odataType: '#microsoft.graph.iosManagedAppProtection', entityType: 'iosManagedAppProtection', navigation: targetedProtectionNav },
  { set: 'androidManagedAppProtections', odataType: '#microsoft.graph.androidManagedAppProtection', entityType: 'androidManagedAppProtection', navigation: targetedProtectionNav },
  // windowsManagedAppProtection derives from managedAppPolicy directly (beta) and declares apps and assignments itself.
  { set: 'windowsManagedAppProtections', odataType: '#microsoft.graph.windowsManagedAppProtection', entityType: 'windowsManagedAppProtection', navigation: targetedProtectionNav },
  { set: 'windowsInformationProtectionPolicies', odataType: '#microsoft.graph.windowsInformationProtectionPolicy', entityType: 'windowsInformationProtectionPolicy', navigation: informationProtectionNav },
  { set: 'mdmWindowsInformationProtectionPolicies', odataType: '#microsoft.graph.mdmWindowsInformationProtectionPolicy', entityType: 'mdmWindowsInformationProtectionPolicy', navigation: informationProtectionNav },
  { set: 'targetedManagedAppConfigurations', odataType: '#microsoft.graph.targetedManagedAppConfiguration', entityType: 'targetedManagedAppConfiguration', navigation: targetedConfigurationNav },
];

export const managedAppPolicies = 'deviceAppManagement/managedAppPolicies';

const intune = (
  path: string,
  entityType: string,
  navigation: Record<string, NavigationKind>,
  expandable: readonly string[],
  permissions: readonly string[],
  extra: Partial<EntitySetSpec> = {},
): EntitySetSpec => ({ path, versions: beta, service: 'intune', entityType, navigation: { default: navigation }, expandable, lazy: [], permissions, ...extra });

export const entitySets: readonly EntitySetSpec[] = [
  intune('deviceManagement/deviceConfigurations', 'deviceConfiguration', deviceConfigurationNav, ['assignments'], config),
  intune('deviceManagement/configurationPolicies', 'deviceManagementConfigurationPolicy', { assignments: c, settings: c }, ['assignments', 'settings'], config),
  // Definition values are read as their own collection (IntuneCD backup_groupPolicyConfiguration and IntuneManagement
  // read groupPolicyConfigurations/{id}/definitionValues?$expand=definition); only assignments expand on the list.
  intune('deviceManagement/groupPolicyConfigurations', 'groupPolicyConfiguration', { assignments: c, definitionValues: c }, ['assignments'], config),
  intune('deviceManagement/deviceCompliancePolicies', 'deviceCompliancePolicy',
    { assignments: c, deviceSettingStateSummaries: c, deviceStatuses: c, deviceStatusOverview: s, scheduledActionsForRule: c, userStatuses: c, userStatusOverview: s },
    ['assignments', 'scheduledActionsForRule'], config),
  // v2 (settings catalog) compliance: deviceManagementCompliancePolicy has assignments, scheduledActionsForRule, settings.
  intune('deviceManagement/compliancePolicies', 'deviceManagementCompliancePolicy', { assignments: c, scheduledActionsForRule: c, settings: c },
    ['assignments', 'scheduledActionsForRule', 'settings'], config),
  // Script bodies are not part of list answers. jseerden/IntuneBackupAndRestore (Invoke-IntuneBackupDeviceManagementScript:
  // "ScriptContent returns null, so we have to query Microsoft Graph for each script"), IntuneCD (backup_powershellScripts,
  // backup_shellScripts, backup_proactiveRemediation) and IntuneManagement all GET each script by id for its body.
  intune('deviceManagement/deviceManagementScripts', 'deviceManagementScript', scriptNav, ['assignments'], scripts, { lazy: ['scriptContent'] }),
  intune('deviceManagement/deviceShellScripts', 'deviceShellScript', scriptNav, ['assignments'], scripts, { lazy: ['scriptContent'] }),
  intune('deviceManagement/deviceComplianceScripts', 'deviceComplianceScript', healthScriptNav, ['assignments'], scripts, { lazy: ['detectionScriptContent'] }),
  intune('deviceManagement/deviceHealthScripts', 'deviceHealthScript', healthScriptNav, ['assignments'], scripts,
    { lazy: ['detectionScriptContent', 'remediationScriptContent'] }),
  // deviceManagementIntent: settings and assignments are child collections (IntuneManagement's EndpointSecurity reads
  // intents/{id}/settings and intents/{id}/assignments); the state summaries are reports.
  intune('deviceManagement/intents', 'deviceManagementIntent',
    { assignments: c, categories: c, deviceSettingStateSummaries: c, deviceStates: c, deviceStateSummary: s, settings: c, userStates: c, userStateSummary: s },
    ['assignments', 'settings'], config),
  intune('deviceManagement/windowsFeatureUpdateProfiles', 'windowsFeatureUpdateProfile', { assignments: c }, ['assignments'], config),
  intune('deviceManagement/windowsQualityUpdateProfiles', 'windowsQualityUpdateProfile', { assignments: c }, ['assignments'], config),
  intune('deviceManagement/windowsQualityUpdatePolicies', 'windowsQualityUpdatePolicy', { assignments: c }, ['assignments'], config),
  intune('deviceManagement/windowsDriverUpdateProfiles', 'windowsDriverUpdateProfile', { assignments: c, driverInventories: c }, ['assignments'], config),
  intune('deviceManagement/deviceEnrollmentConfigurations', 'deviceEnrollmentConfiguration', { assignments: c }, ['assignments'], serviceConfig),
  intune('deviceManagement/windowsAutopilotDeploymentProfiles', 'windowsAutopilotDeploymentProfile', { assignedDevices: c, assignments: c }, ['assignments'], serviceConfig),
  intune('deviceManagement/assignmentFilters', 'deviceAndAppManagementAssignmentFilter', {}, [], config),
  intune('deviceManagement/roleScopeTags', 'roleScopeTag', { assignments: c }, ['assignments'], rbac),
  intune('deviceAppManagement/mobileAppConfigurations', 'managedDeviceMobileAppConfiguration',
    { assignments: c, deviceStatuses: c, deviceStatusSummary: s, userStatuses: c, userStatusSummary: s }, ['assignments'], apps),
  // The abstract base set lists every derived policy (protection, WIP and targetedManagedAppConfiguration alike), but
  // managedAppPolicy itself has no navigation properties ("Relationships: None", resources/intune-mam-managedapppolicy):
  // `$expand=assignments` here is a 400. Each derived type has its own entity set with its navigation.
  {
    ...intune(managedAppPolicies, 'managedAppPolicy', {}, [], apps),
    navigation: {
      default: {},
      ...Object.fromEntries(managedAppPolicyDerivedSets.map((entry) => [entry.odataType, entry.navigation])),
    } as EntitySetSpec['navigation'],
  },
  ...managedAppPolicyDerivedSets.map((entry) =>
    intune(`deviceAppManagement/${entry.set}`, entry.entityType, entry.navigation, Object.keys(entry.navigation), apps, {
      viewOf: { store: managedAppPolicies, odataType: entry.odataType },
    }),
  ),
  {
    path: 'identity/conditionalAccess/policies', versions: both, service: 'conditionalAccess', entityType: 'conditionalAccessPolicy',
    navigation: { default: {} }, expandable: [], lazy: [], permissions: policy,
  },
];

const byPath = new Map(entitySets.map((set) => [set.path, set]));

export function entitySet(path: string): EntitySetSpec | undefined {
  return byPath.get(path);
}

/** The entity set a request path starts with (longest match), e.g. 'deviceManagement/intents/1/settings' → intents. */
export function entitySetForPath(path: string): EntitySetSpec | undefined {
  let best: EntitySetSpec | undefined;
  for (const set of entitySets) {
    if ((path === set.path || path.startsWith(`${set.path}/`)) && (!best || set.path.length > best.path.length)) best = set;
  }
  return best;
}

/** Where entities are stored (every set that is not a view), in catalog order. */
export function storedCollections(): string[] {
  return entitySets.filter((set) => !set.viewOf).map((set) => set.path);
}

/** The store a collection's entities live in (a view's base set, else itself). */
export function storeOf(path: string): string {
  return entitySet(path)?.viewOf?.store ?? path;
}

/** The navigation properties of an entity of this set (its own type's when the set stores derived types). */
export function navigationOf(set: EntitySetSpec, entity?: Record<string, unknown>): Record<string, NavigationKind> {
  const odataType = typeof entity?.['@odata.type'] === 'string' ? (entity['@odata.type'] as string) : undefined;
  return (odataType ? set.navigation[odataType] : undefined) ?? set.navigation.default;
}

const navigationNames = new WeakMap<EntitySetSpec, ReadonlySet<string>>();

/** Every navigation property name the set's entities can have (for stripping them from answers). */
export function allNavigationNames(set: EntitySetSpec): ReadonlySet<string> {
  let names = navigationNames.get(set);
  if (!names) {
    const collected = new Set<string>();
    for (const properties of Object.values(set.navigation)) for (const name of Object.keys(properties)) collected.add(name);
    names = collected;
    navigationNames.set(set, names);
  }
  return names;
}

/** Graph's directory sets served beside the entity sets (handled in handle-directory.ts). */
export const directoryPaths = {
  organization: { versions: both, permissions: organizationPermissions },
  groups: { versions: both, permissions: groupPermissions },
} as const;

/**
 * Setting definitions: deviceManagement/configurationSettings (settings catalog) and complianceSettings (v2
 * compliance), each GET-able by definition id; the same definitions `settings?$expand=settingDefinitions` inlines.
 */
export const settingDefinitionSets = ['deviceManagement/configurationSettings', 'deviceManagement/complianceSettings'] as const;
export const settingDefinitionPermissions = config;
