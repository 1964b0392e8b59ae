// Deterministic demo tenants with realistic Intune entities in every collection graph-sim stores (graph-catalog.ts),
// the Entra groups their assignments target and the setting definitions of their settings. The same seed always yields
// the same tenants, ids, credentials and settings, so demos and tests can name them; different tenants of one seed
// differ in which optional policies they have and in some setting values, which gives drift and coverage something to
// show.
import type { SimEntity, SimTenant } from '../sim-types';
import { appProtectionPolicySpecs, assignmentFilterSpecs, conditionalAccessPolicySpecs, mobileAppConfigurationSpecs } from './apps-and-tenant';
import { configurationPolicies } from './configuration-policies';
import type { DemoEntitySpec } from './demo-entity-spec';
import { compliancePolicyV2Specs, intentSpecs } from './intents-and-compliance';
import { directoryFor, withChildren } from './policy-children';
import { deviceHealthScriptSpecs, deviceShellScriptSpecs } from './remediations-and-shell-scripts';
import { demoSettingDefinitions } from './setting-catalog';
import {
  deviceComplianceScriptSpecs,
  deviceCompliancePolicySpecs,
  deviceConfigurationSpecs,
  deviceManagementScriptSpecs,
  groupPolicyConfigurationSpecs,
} from './device-configurations';
import type { DemoContext } from './entity-basics';
import { seededRandom, type SeededRandom } from './seeded-random';
import {
  autopilotProfileSpecs,
  enrollmentConfigurationSpecs,
  windowsDriverUpdateProfileSpecs,
  windowsFeatureUpdateProfileSpecs,
  windowsQualityUpdatePolicySpecs,
  windowsQualityUpdateProfileSpecs,
} from './updates-and-enrollment';

export interface DemoTenantOptions {
  seed?: number | string;
  count?: number;
}

const organizations = [
  'Contoso Retail', 'Fabrikam Health', 'Northwind Traders', 'Woodgrove Bank', 'Tailspin Toys',
  'Adventure Works', 'Litware', 'Proseware', 'Wide World Importers', 'Alpine Ski House',
];

const specsByResource: Record<string, DemoEntitySpec[]> = {
  'deviceManagement/deviceConfigurations': deviceConfigurationSpecs,
  'deviceManagement/groupPolicyConfigurations': groupPolicyConfigurationSpecs,
  'deviceManagement/deviceCompliancePolicies': deviceCompliancePolicySpecs,
  'deviceManagement/deviceComplianceScripts': deviceComplianceScriptSpecs,
  'deviceManagement/deviceManagementScripts': deviceManagementScriptSpecs,
  'deviceManagement/windowsFeatureUpdateProfiles': windowsFeatureUpdateProfileSpecs,
  'deviceManagement/windowsQualityUpdateProfiles': windowsQualityUpdateProfileSpecs,
  'deviceManagement/windowsDriverUpdateProfiles': windowsDriverUpdateProfileSpecs,
  'deviceAppManagement/managedAppPolicies': appProtectionPolicySpecs,
  'deviceAppManagement/mobileAppConfigurations': mobileAppConfigurationSpecs,
  'deviceManagement/deviceEnrollmentConfigurations': enrollmentConfigurationSpecs,
  'deviceManagement/windowsAutopilotDeploymentProfiles': autopilotProfileSpecs,
  'identity/conditionalAccess/policies': conditionalAccessPolicySpecs,
  'deviceManagement/assignmentFilters': assignmentFilterSpecs,
  'deviceManagement/intents': intentSpecs,
  'deviceManagement/deviceHealthScripts': deviceHealthScriptSpecs,
  'deviceManagement/deviceShellScripts': deviceShellScriptSpecs,
  'deviceManagement/compliancePolicies': compliancePolicyV2Specs,
  'deviceManagement/windowsQualityUpdatePolicies': windowsQualityUpdatePolicySpecs,
};

/** The collections generated, in a fixed order (the seeded stream depends on it). */
export const generatedCollections = [
  'deviceManagement/deviceConfigurations',
  'deviceManagement/configurationPolicies',
  'deviceManagement/groupPolicyConfigurations',
  'deviceManagement/deviceCompliancePolicies',
  'deviceManagement/deviceComplianceScripts',
  'deviceManagement/deviceManagementScripts',
  'deviceManagement/windowsFeatureUpdateProfiles',
  'deviceManagement/windowsQualityUpdateProfiles',
  'deviceManagement/windowsDriverUpdateProfiles',
  'deviceAppManagement/managedAppPolicies',
  'deviceAppManagement/mobileAppConfigurations',
  'deviceManagement/deviceEnrollmentConfigurations',
  'deviceManagement/windowsAutopilotDeploymentProfiles',
  'identity/conditionalAccess/policies',
  'deviceManagement/assignmentFilters',
  'deviceManagement/roleScopeTags',
  'deviceManagement/intents',
  'deviceManagement/deviceHealthScripts',
  'deviceManagement/deviceShellScripts',
  'deviceManagement/compliancePolicies',
  'deviceManagement/windowsQualityUpdatePolicies',
] as const;

export function generateDemoTenants(options: DemoTenantOptions = {}): SimTenant[] {
  const seed = options.seed ?? 1;
  const count = options.count ?? 3;
  return Array.from({ length: count }, (_, index) => generateTenant(seededRandom(`${seed}:${index}`), index));
}

function generateTenant(rng: SeededRandom, index: number): SimTenant {
  const base = organizations[index % organizations.length] ?? 'Demo';
  const round = Math.floor(index / organizations.length);
  const display_name = round === 0 ? base : `${base} ${round + 1}`;
  const entra_tenant_id = rng.guid();
  const client_id = rng.guid();
  const client_secret = `sim~${Array.from({ length: 32 }, () => rng.pick([...'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'])).join('')}`;
  const verified_domain = `${display_name.toLowerCase().replace(/[^a-z0-9]/g, '')}.onmicrosoft.com`;

  const scopeTags = roleScopeTags(rng);
  const context: DemoContext = { rng, scopeTagIds: scopeTags.map((tag) => tag.id) };
  const include = (spec: { always?: boolean }): boolean => spec.always === true || rng.chance(0.75);

  const policies = buildPolicies(context, include, scopeTags);
  // Children last, from the same seeded stream: the policies themselves stay as they were generated before.
  const filterIds = (policies['deviceManagement/assignmentFilters'] ?? []).map((filter) => filter.id);
  const directory = directoryFor(rng, filterIds);
  for (const [resource, entities] of Object.entries(policies)) {
    policies[resource] = entities.map((entity) => withChildren(rng, resource, entity, directory));
  }
  return {
    entra_tenant_id, display_name, verified_domain, client_id, client_secret, policies,
    groups: directory.groups,
    setting_definitions: demoSettingDefinitions(),
  };
}

/** One of every chosen spec of every generated collection (scope tags as given). */
export function buildPolicies(
  context: DemoContext,
  include: (spec: { name: string; always?: boolean }, resource: string) => boolean,
  scopeTags: SimEntity[],
): Record<string, SimEntity[]> {
  const policies: Record<string, SimEntity[]> = {};
  for (const resource of generatedCollections) {
    if (resource === 'deviceManagement/configurationPolicies') {
      policies[resource] = configurationPolicies(context, (spec) => include(spec, resource));
    } else if (resource === 'deviceManagement/roleScopeTags') {
      policies[resource] = scopeTags;
    } else {
      policies[resource] = chooseSpecs(specsByResource[resource] ?? [], (spec) => include(spec, resource)).map((spec) => spec.build(context, spec.name));
    }
  }
  return policies;
}

/** Every tenant has at least one policy of each collection, so every policy type shows up in the demo. */
function chooseSpecs(specs: DemoEntitySpec[], include: (spec: DemoEntitySpec) => boolean): DemoEntitySpec[] {
  const chosen = specs.filter(include);
  return chosen.length === 0 && specs[0] ? [specs[0]] : chosen;
}

function roleScopeTags(rng: SeededRandom): SimEntity[] {
  const custom = ['Helpdesk - EU', 'Helpdesk - US', 'Field Services'].filter(() => rng.chance(0.6));
  return [
    { '@odata.type': '#microsoft.graph.roleScopeTag', id: '0', displayName: 'Default', description: 'Default scope tag', isBuiltIn: true },
    ...custom.map((displayName, index) => ({
      '@odata.type': '#microsoft.graph.roleScopeTag',
      id: String(index + 1),
      displayName,
      description: `Devices and policies managed by ${displayName}`,
      isBuiltIn: false,
    })),
  ];
}
