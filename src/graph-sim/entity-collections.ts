// Which Graph collection an exported entity is stored in (graph-catalog.ts). Exports name the entity's @odata.type
// and, usually, the @odata.context it was read from (e.g. deviceAppManagement/iosManagedAppProtections(assignments(),apps()),
// a derived set stored with its base set managedAppPolicies); the exporter's folder (SettingsCatalog,
// CompliancePolicies, AppProtection, …) is the fallback for files that carry neither.
import { entitySets, storeOf } from './graph-catalog';

const exactTypes: Record<string, string> = {
  '#microsoft.graph.deviceManagementConfigurationPolicy': 'deviceManagement/configurationPolicies',
  '#microsoft.graph.windowsUpdateForBusinessConfiguration': 'deviceManagement/deviceConfigurations',
  '#microsoft.graph.groupPolicyConfiguration': 'deviceManagement/groupPolicyConfigurations',
  '#microsoft.graph.deviceComplianceScript': 'deviceManagement/deviceComplianceScripts',
  '#microsoft.graph.deviceManagementScript': 'deviceManagement/deviceManagementScripts',
  '#microsoft.graph.windowsFeatureUpdateProfile': 'deviceManagement/windowsFeatureUpdateProfiles',
  '#microsoft.graph.windowsQualityUpdateProfile': 'deviceManagement/windowsQualityUpdateProfiles',
  '#microsoft.graph.windowsDriverUpdateProfile': 'deviceManagement/windowsDriverUpdateProfiles',
  '#microsoft.graph.targetedManagedAppConfiguration': 'deviceAppManagement/managedAppPolicies',
  '#microsoft.graph.windowsInformationProtectionPolicy': 'deviceAppManagement/managedAppPolicies',
  '#microsoft.graph.mdmWindowsInformationProtectionPolicy': 'deviceAppManagement/managedAppPolicies',
  '#microsoft.graph.conditionalAccessPolicy': 'identity/conditionalAccess/policies',
  '#microsoft.graph.deviceAndAppManagementAssignmentFilter': 'deviceManagement/assignmentFilters',
  '#microsoft.graph.roleScopeTag': 'deviceManagement/roleScopeTags',
  '#microsoft.graph.deviceManagementIntent': 'deviceManagement/intents',
  '#microsoft.graph.deviceHealthScript': 'deviceManagement/deviceHealthScripts',
  '#microsoft.graph.deviceShellScript': 'deviceManagement/deviceShellScripts',
  '#microsoft.graph.deviceManagementCompliancePolicy': 'deviceManagement/compliancePolicies',
  '#microsoft.graph.windowsQualityUpdatePolicy': 'deviceManagement/windowsQualityUpdatePolicies',
};

// Families of derived types, e.g. macOSCompliancePolicy, iosManagedAppProtection.
const typeSuffixes: Array<[RegExp, string]> = [
  [/CompliancePolicy$/, 'deviceManagement/deviceCompliancePolicies'],
  [/(ManagedAppProtection|InformationProtectionPolicy)$/, 'deviceAppManagement/managedAppPolicies'],
  [/(MobileAppConfiguration|ManagedStoreAppConfiguration)$/, 'deviceAppManagement/mobileAppConfigurations'],
  [/(EnrollmentLimitConfiguration|RestrictionConfiguration|RestrictionsConfiguration|EnrollmentCompletionPageConfiguration|WindowsHelloForBusinessConfiguration)$/,
    'deviceManagement/deviceEnrollmentConfigurations'],
  [/WindowsAutopilotDeploymentProfile$/, 'deviceManagement/windowsAutopilotDeploymentProfiles'],
];

// Folder names of the IntuneManagement exporter.
const folderKinds: Record<string, string> = {
  settingscatalog: 'deviceManagement/configurationPolicies',
  deviceconfiguration: 'deviceManagement/deviceConfigurations',
  updaterings: 'deviceManagement/deviceConfigurations',
  administrativetemplates: 'deviceManagement/groupPolicyConfigurations',
  compliancepolicies: 'deviceManagement/deviceCompliancePolicies',
  compliancescripts: 'deviceManagement/deviceComplianceScripts',
  scripts: 'deviceManagement/deviceManagementScripts',
  powershellscripts: 'deviceManagement/deviceManagementScripts',
  shellscripts: 'deviceManagement/deviceShellScripts',
  macosshellscripts: 'deviceManagement/deviceShellScripts',
  remediations: 'deviceManagement/deviceHealthScripts',
  proactiveremediations: 'deviceManagement/deviceHealthScripts',
  endpointsecurity: 'deviceManagement/intents',
  intents: 'deviceManagement/intents',
  qualityupdatepolicies: 'deviceManagement/windowsQualityUpdatePolicies',
  featureupdates: 'deviceManagement/windowsFeatureUpdateProfiles',
  qualityupdates: 'deviceManagement/windowsQualityUpdateProfiles',
  driverupdates: 'deviceManagement/windowsDriverUpdateProfiles',
  appprotection: 'deviceAppManagement/managedAppPolicies',
  appconfiguration: 'deviceAppManagement/mobileAppConfigurations',
  appconfigurationmanageddevices: 'deviceAppManagement/mobileAppConfigurations',
  enrollmentrestrictions: 'deviceManagement/deviceEnrollmentConfigurations',
  enrollmentstatuspage: 'deviceManagement/deviceEnrollmentConfigurations',
  autopilot: 'deviceManagement/windowsAutopilotDeploymentProfiles',
  conditionalaccess: 'identity/conditionalAccess/policies',
  assignmentfilters: 'deviceManagement/assignmentFilters',
  scopetags: 'deviceManagement/roleScopeTags',
};

const knownResources = new Set(entitySets.map((set) => set.path));

export function isFolderKind(folderName: string): boolean {
  return folderName.toLowerCase() in folderKinds;
}

/** The collection an exported entity is stored in, or null when graph-sim serves no such collection. */
export function collectionOf(entity: Record<string, unknown>, folderKind: string | null): string | null {
  const odataType = entity['@odata.type'];
  if (typeof odataType === 'string') {
    const exact = exactTypes[odataType];
    if (exact) return exact;
    const suffix = typeSuffixes.find(([pattern]) => pattern.test(odataType));
    if (suffix) return suffix[1];
  }
  const fromContext = collectionFromContext(entity['@odata.context']);
  if (fromContext) return fromContext;
  return folderKind ? (folderKinds[folderKind.toLowerCase()] ?? null) : null;
}

// e.g. "https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceCompliancePolicies(assignments())/$entity"
function collectionFromContext(context: unknown): string | null {
  if (typeof context !== 'string') return null;
  const fragment = context.split('$metadata#')[1];
  if (!fragment) return null;
  const collection = fragment.replace(/\/\$entity$/, '').replace(/\([^/]*\)/g, '');
  return knownResources.has(collection) ? storeOf(collection) : null;
}
