// What a generated policy holds besides its own properties, as Graph serves it through navigation properties:
// assignments (groups, exclusions, all devices, with assignment filters), an administrative template's
// definition values and a compliance policy's actions for noncompliance. Deterministic per seed.
import { navigationPropertiesOf } from '../navigation-properties';
import type { SimEntity } from '../sim-types';
import type { SeededRandom } from './seeded-random';

export interface TenantDirectory {
  /** Entra group ids of the tenant, the targets of include and exclude assignments. */
  groupIds: string[];
  /** Assignment filter ids of the tenant (deviceManagement/assignmentFilters). */
  filterIds: string[];
}

export function directoryFor(rng: SeededRandom, filterIds: string[]): TenantDirectory {
  return { groupIds: Array.from({ length: 6 }, () => rng.guid()), filterIds };
}

export function withChildren(rng: SeededRandom, resource: string, entity: SimEntity, directory: TenantDirectory): SimEntity {
  const properties = navigationPropertiesOf(resource);
  const result: SimEntity = { ...entity };
  if (properties.includes('assignments')) result['assignments'] = assignments(rng, entity.id, directory);
  if (properties.includes('scheduledActionsForRule')) result['scheduledActionsForRule'] = complianceActions(rng, entity.id);
  if (properties.includes('definitionValues')) result['definitionValues'] = definitionValues(rng);
  return result;
}

function assignments(rng: SeededRandom, policyId: string, { groupIds, filterIds }: TenantDirectory): Array<Record<string, unknown>> {
  const targets: Array<Record<string, unknown>> = [];
  if (rng.chance(0.25)) {
    targets.push({ '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' });
  } else {
    const group = rng.pick(groupIds);
    const filter = filterIds.length > 0 && rng.chance(0.35) ? rng.pick(filterIds) : null;
    targets.push({
      '@odata.type': '#microsoft.graph.groupAssignmentTarget',
      groupId: group,
      deviceAndAppManagementAssignmentFilterId: filter,
      deviceAndAppManagementAssignmentFilterType: filter ? rng.pick(['include', 'exclude']) : 'none',
    });
    if (rng.chance(0.4)) targets.push({ '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: rng.pick(groupIds.filter((id) => id !== group)), deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: 'none' });
  }
  if (rng.chance(0.3)) targets.push({ '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: rng.pick(groupIds), deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: 'none' });
  return targets.map((target) => ({ id: `${policyId}_${String(target['groupId'] ?? 'all')}`, source: 'direct', sourceId: policyId, intent: 'apply', target }));
}

function complianceActions(rng: SeededRandom, policyId: string): Array<Record<string, unknown>> {
  const actions: Array<Record<string, unknown>> = [{ id: rng.guid(), actionType: 'block', gracePeriodHours: rng.pick([0, 0, 24, 72]), notificationTemplateId: '', notificationMessageCCList: [] }];
  if (rng.chance(0.6)) actions.push({ id: rng.guid(), actionType: 'notification', gracePeriodHours: rng.pick([24, 72, 168]), notificationTemplateId: rng.guid(), notificationMessageCCList: [] });
  return [{ id: policyId, ruleName: null, scheduledActionConfigurations: actions }];
}

// Real administrative template definitions (ids as Intune publishes them are GUIDs; these are stable per name).
const definitions = [
  { displayName: 'Configure Microsoft Defender SmartScreen', categoryPath: '\\Microsoft Edge\\SmartScreen settings', classType: 'machine' },
  { displayName: 'Allow users to proceed from the HTTPS warning page', categoryPath: '\\Microsoft Edge', classType: 'machine' },
  { displayName: 'Silently move Windows known folders to OneDrive', categoryPath: '\\OneDrive', classType: 'machine' },
  { displayName: 'Prevent users from syncing personal OneDrive accounts', categoryPath: '\\OneDrive', classType: 'machine' },
  { displayName: 'Block macros from running in Office files from the Internet', categoryPath: '\\Microsoft Word 2016\\Word Options\\Security\\Trust Center', classType: 'user' },
  { displayName: 'Turn off Autoplay', categoryPath: '\\Windows Components\\AutoPlay Policies', classType: 'machine' },
];

function definitionValues(rng: SeededRandom): Array<Record<string, unknown>> {
  const chosen = definitions.filter(() => rng.chance(0.5));
  const picked = chosen.length > 0 ? chosen : definitions.slice(0, 2);
  return picked.map((definition) => ({
    '@odata.type': '#microsoft.graph.groupPolicyDefinitionValue',
    id: rng.guid(),
    enabled: rng.chance(0.85),
    configurationType: 'policy',
    definition: { id: stableId(definition.displayName), policyType: 'admxBacked', ...definition },
  }));
}

function stableId(text: string): string {
  let hash = 2166136261;
  const hex: string[] = [];
  for (let round = 0; round < 4; round += 1) {
    for (const character of `${round}:${text}`) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
    hex.push(hash.toString(16).padStart(8, '0'));
  }
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
