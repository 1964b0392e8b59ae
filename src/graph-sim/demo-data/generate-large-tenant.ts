// One very large generated tenant for benchmarks (issue 6: a sync of 20 thousand policies): rounds of the demo's
// policies — every spec of every collection, settings, assignments, definition and presentation values, driver
// approvals, apps and actions included — renamed per round, until the tenant holds the requested number.
// Deterministic per seed.
//
// Proportions: scripts (platform, shell, compliance scripts and remediations) are a small share of real tenants and
// the costliest to read (Graph serves their bodies only by a GET of each), so they come in one round of four
// (about 4 % of the policies instead of 15 %). Conditional Access stops at 195 policies, the most a tenant may have
// (MicrosoftDocs/azure-docs#81685: "We now enforce the 195 policy limit"), which also keeps its read, paced at one
// request per second, to two pages.
import type { SimEntity, SimTenant } from '../sim-types';
import { buildPolicies } from './generate-demo-tenants';
import { directoryFor, withChildren } from './policy-children';
import { seededRandom } from './seeded-random';
import { demoSettingDefinitions } from './setting-catalog';

const conditionalAccessLimit = 195;

const scriptCollections = new Set([
  'deviceManagement/deviceManagementScripts',
  'deviceManagement/deviceShellScripts',
  'deviceManagement/deviceComplianceScripts',
  'deviceManagement/deviceHealthScripts',
]);

export function generateLargeTenant(options: { seed?: number | string; policies: number }): SimTenant {
  const rng = seededRandom(`large:${options.seed ?? 1}`);
  const context = { rng, scopeTagIds: ['0'] };
  const scopeTag: SimEntity = { '@odata.type': '#microsoft.graph.roleScopeTag', id: '0', displayName: 'Default', description: 'Default scope tag', isBuiltIn: true };
  const policies: Record<string, SimEntity[]> = {};
  const filterIds: string[] = [];
  let count = 0;
  for (let round = 1; count < options.policies; round += 1) {
    const built = buildPolicies(context, () => true, []);
    for (const [resource, entities] of Object.entries(built)) {
      if (scriptCollections.has(resource) && round % 4 !== 1) continue;
      for (const entity of entities) {
        if (count >= options.policies) break;
        if (resource === 'identity/conditionalAccess/policies' && (policies[resource]?.length ?? 0) >= conditionalAccessLimit) break;
        const renamed: SimEntity = { ...entity };
        if (typeof renamed['displayName'] === 'string') renamed['displayName'] = `${renamed['displayName']} #${round}`;
        if (typeof renamed['name'] === 'string') renamed['name'] = `${renamed['name']} #${round}`;
        (policies[resource] ??= []).push(renamed);
        if (resource === 'deviceManagement/assignmentFilters') filterIds.push(renamed.id);
        count += 1;
      }
    }
  }
  policies['deviceManagement/roleScopeTags'] = [scopeTag, ...(policies['deviceManagement/roleScopeTags'] ?? [])];
  const directory = directoryFor(rng, filterIds);
  for (const [resource, entities] of Object.entries(policies)) {
    policies[resource] = entities.map((entity) => withChildren(rng, resource, entity, directory));
  }
  return {
    entra_tenant_id: rng.guid(),
    display_name: `Large tenant (${options.policies} policies)`,
    verified_domain: 'largetenant.onmicrosoft.com',
    client_id: rng.guid(),
    client_secret: `sim~${rng.guid().replace(/-/g, '')}`,
    policies,
    groups: directory.groups,
    setting_definitions: demoSettingDefinitions(),
  };
}
