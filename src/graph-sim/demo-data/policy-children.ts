// What a generated policy holds besides its own properties, as Graph serves it through navigation properties (which
// ones each entity has comes from graph-sim's catalog): assignments (groups, exclusions, all devices, with assignment
// filters), an administrative template's definition values with their presentation values, a compliance policy's
// actions for noncompliance, a manual driver profile's driver approvals and an app policy's apps. Plus the tenant's
// Entra groups, whose ids the assignments target. Deterministic per seed.
import { entitySet, managedAppPolicies, navigationOf } from '../graph-catalog';
import type { SimEntity } from '../sim-types';
import type { SeededRandom } from './seeded-random';

export interface TenantDirectory {
  /** Entra group ids of the tenant, the targets of include and exclude assignments. */
  groupIds: string[];
  /** The groups themselves (GET groups/{id}). */
  groups: SimEntity[];
  /** Assignment filter ids of the tenant (deviceManagement/assignmentFilters). */
  filterIds: string[];
}

const groupNames: Array<[string, string]> = [
  ['SG-Intune-Devices-Windows-All', 'All Windows devices managed by Intune'],
  ['SG-Intune-Devices-Windows-Pilot', 'Windows pilot ring (IT and early adopters)'],
  ['SG-Intune-Users-All', 'All licensed Intune users'],
  ['SG-Intune-Users-BYOD', 'Users allowed to enroll personal devices'],
  ['SG-Intune-Devices-macOS', 'All macOS devices managed by Intune'],
  ['SG-Intune-Exclusions', 'Break-glass and service accounts excluded from policies'],
];

export function directoryFor(rng: SeededRandom, filterIds: string[]): TenantDirectory {
  const groupIds = groupNames.map(() => rng.guid());
  const groups = groupNames.map(([displayName, description], index): SimEntity => ({
    id: groupIds[index] as string,
    displayName,
    description,
    mailEnabled: false,
    mailNickname: displayName.toLowerCase().replace(/[^a-z0-9]/g, ''),
    securityEnabled: true,
    groupTypes: displayName.includes('-All') ? ['DynamicMembership'] : [],
    membershipRule: displayName.includes('Devices-Windows-All') ? '(device.deviceOSType -eq "Windows")' : null,
    membershipRuleProcessingState: displayName.includes('-All') ? 'On' : null,
    createdDateTime: rng.pastDate(900),
    visibility: null,
  }));
  return { groupIds, groups, filterIds };
}

export function withChildren(rng: SeededRandom, resource: string, entity: SimEntity, directory: TenantDirectory): SimEntity {
  const set = entitySet(resource);
  if (!set) return entity;
  const navigation = navigationOf(set, entity);
  const result: SimEntity = { ...entity };
  if (navigation['assignments']) result['assignments'] = assignments(rng, entity.id, directory, resource === managedAppPolicies);
  if (navigation['scheduledActionsForRule']) result['scheduledActionsForRule'] = complianceActions(rng, entity.id);
  if (navigation['definitionValues']) result['definitionValues'] = definitionValues(rng);
  if (navigation['driverInventories'] && entity['approvalType'] === 'manual') result['driverInventories'] = driverInventories(rng);
  if (navigation['apps']) result['apps'] = protectedApps(rng, String(entity['@odata.type'] ?? ''));
  return result;
}

function assignments(rng: SeededRandom, policyId: string, { groupIds, filterIds }: TenantDirectory, groupsOnly: boolean): Array<Record<string, unknown>> {
  const targets: Array<Record<string, unknown>> = [];
  if (!groupsOnly && rng.chance(0.25)) {
    targets.push({ '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' });
  } else {
    const group = rng.pick(groupIds);
    const filter = !groupsOnly && filterIds.length > 0 && rng.chance(0.35) ? rng.pick(filterIds) : null;
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

// A presentation (the text box, check box, drop-down or list part of an ADMX setting) and the value a policy gives it.
type PresentationSpec =
  | { kind: 'text'; label: string; value: (rng: SeededRandom) => string }
  | { kind: 'boolean'; label: string; value: (rng: SeededRandom) => boolean }
  | { kind: 'dropdown'; label: string; items: Array<[string, string]> }
  | { kind: 'list'; label: string; values: (rng: SeededRandom) => string[] };

// Real administrative template definitions (ids as Intune publishes them are GUIDs; these are stable per name).
const definitions: Array<{ displayName: string; categoryPath: string; classType: string; presentations?: PresentationSpec[] }> = [
  { displayName: 'Configure Microsoft Defender SmartScreen', categoryPath: '\\Microsoft Edge\\SmartScreen settings', classType: 'machine' },
  { displayName: 'Allow users to proceed from the HTTPS warning page', categoryPath: '\\Microsoft Edge', classType: 'machine' },
  {
    displayName: 'Silently move Windows known folders to OneDrive', categoryPath: '\\OneDrive', classType: 'machine',
    presentations: [
      { kind: 'text', label: 'Tenant ID:', value: (rng) => rng.guid() },
      { kind: 'boolean', label: 'Show notification to users after folders have been redirected:', value: (rng) => rng.chance(0.5) },
    ],
  },
  { displayName: 'Prevent users from syncing personal OneDrive accounts', categoryPath: '\\OneDrive', classType: 'machine' },
  { displayName: 'Block macros from running in Office files from the Internet', categoryPath: '\\Microsoft Word 2016\\Word Options\\Security\\Trust Center', classType: 'user' },
  {
    displayName: 'Turn off Autoplay', categoryPath: '\\Windows Components\\AutoPlay Policies', classType: 'machine',
    presentations: [{ kind: 'dropdown', label: 'Turn off Autoplay on:', items: [['CD-ROM and removable media drives', '181'], ['All drives', '255']] }],
  },
  {
    displayName: 'Control which extensions are installed silently', categoryPath: '\\Microsoft Edge\\Extensions', classType: 'machine',
    presentations: [{ kind: 'list', label: 'Control which extensions are installed silently', values: (rng) => rng.chance(0.5)
      ? ['odfafepnkmbhccpbejgmiehpchacaeak;https://edge.microsoft.com/extensionwebstorebase/v1/crx']
      : ['odfafepnkmbhccpbejgmiehpchacaeak;https://edge.microsoft.com/extensionwebstorebase/v1/crx', 'ghbmnnjooekpmoecnnnilnnbdlolhkhi;https://edge.microsoft.com/extensionwebstorebase/v1/crx'] }],
  },
];

function definitionValues(rng: SeededRandom): Array<Record<string, unknown>> {
  const chosen = definitions.filter(() => rng.chance(0.5));
  // Every template has a setting with presentations, so presentation values always have something to show.
  const picked = chosen.some((definition) => definition.presentations) ? chosen : [...chosen, definitions[2]!];
  return picked.map((definition) => {
    const definitionId = stableId(definition.displayName);
    const created = rng.pastDate(300);
    return {
      '@odata.type': '#microsoft.graph.groupPolicyDefinitionValue',
      id: rng.guid(),
      enabled: rng.chance(0.85),
      configurationType: 'policy',
      createdDateTime: created,
      lastModifiedDateTime: created,
      definition: {
        id: definitionId, policyType: 'admxBacked', displayName: definition.displayName, categoryPath: definition.categoryPath,
        classType: definition.classType, explainText: `${definition.displayName}.`, supportedOn: 'At least Windows 10', version: '1.0',
        hasRelatedDefinitions: false, minDeviceCspVersion: '10.0', minUserCspVersion: '10.0', groupPolicyCategoryId: stableId(definition.categoryPath),
      },
      presentationValues: (definition.presentations ?? []).map((presentation, index) => presentationValue(rng, definitionId, presentation, index, created)),
    };
  });
}

function presentationValue(rng: SeededRandom, definitionId: string, spec: PresentationSpec, index: number, created: string): Record<string, unknown> {
  const presentationId = stableId(`${definitionId}:${index}:${spec.label}`);
  const base = { id: rng.guid(), createdDateTime: created, lastModifiedDateTime: created };
  const presentationBase = { id: presentationId, label: spec.label, lastModifiedDateTime: created };
  switch (spec.kind) {
    case 'text':
      return { '@odata.type': '#microsoft.graph.groupPolicyPresentationValueText', ...base, value: spec.value(rng),
        presentation: { '@odata.type': '#microsoft.graph.groupPolicyPresentationTextBox', ...presentationBase, defaultValue: '', required: true, maxLength: 1023 } };
    case 'boolean':
      return { '@odata.type': '#microsoft.graph.groupPolicyPresentationValueBoolean', ...base, value: spec.value(rng),
        presentation: { '@odata.type': '#microsoft.graph.groupPolicyPresentationCheckBox', ...presentationBase, defaultChecked: false } };
    case 'dropdown': {
      const [, value] = rng.pick(spec.items);
      return { '@odata.type': '#microsoft.graph.groupPolicyPresentationValueText', ...base, value,
        presentation: { '@odata.type': '#microsoft.graph.groupPolicyPresentationDropdownList', ...presentationBase, required: true,
          defaultItem: { displayName: spec.items[0]?.[0], value: spec.items[0]?.[1] }, items: spec.items.map(([displayName, itemValue]) => ({ displayName, value: itemValue })) } };
    }
    case 'list':
      return { '@odata.type': '#microsoft.graph.groupPolicyPresentationValueList', ...base,
        values: spec.values(rng).map((value, position) => ({ name: String(position + 1), value })),
        presentation: { '@odata.type': '#microsoft.graph.groupPolicyPresentationListBox', ...presentationBase, explicitValue: false, valuePrefix: '' } };
  }
}

// Driver updates a manual profile lists for approval (windowsDriverUpdateInventory): approved ones carry their
// deployment date, declined ones none; applicableDeviceCount is the service's (volatile-fields.ts).
const drivers: Array<[string, string, string, string]> = [
  ['Intel Corporation - Display - 31.0.101.4502', 'Intel Corporation', 'Display', '31.0.101.4502'],
  ['Realtek Semiconductor Corp. - Audio - 6.0.9549.1', 'Realtek Semiconductor Corp.', 'Audio', '6.0.9549.1'],
  ['Lenovo - Firmware - 1.57.0.0', 'Lenovo', 'Firmware', '1.57.0.0'],
  ['Intel(R) Wireless Bluetooth(R) - Bluetooth - 23.10.0.2', 'Intel Corporation', 'Bluetooth', '23.10.0.2'],
  ['Synaptics - Mouse - 19.5.35.15', 'Synaptics', 'Mouse', '19.5.35.15'],
];

function driverInventories(rng: SeededRandom): Array<Record<string, unknown>> {
  return drivers.map(([name, manufacturer, driverClass, version], index) => {
    const approvalStatus = index === 0 ? 'approved' : index === 1 ? 'declined' : rng.pick(['approved', 'declined', 'needsReview']);
    return {
      id: `${stableId(name).replace(/-/g, '').slice(0, 32)}`,
      name,
      version,
      manufacturer,
      releaseDateTime: rng.pastDate(120),
      driverClass,
      applicableDeviceCount: rng.int(5, 250),
      approvalStatus,
      category: approvalStatus === 'needsReview' ? 'recommended' : 'previouslyApproved',
      deployDateTime: approvalStatus === 'approved' ? rng.pastDate(30) : null,
    };
  });
}

// Apps an app policy protects (managedMobileApp with its mobileAppIdentifier), per platform.
const iosApps: Array<[string, string]> = [
  ['com.microsoft.office.outlook.ios', 'com.microsoft.Office.Outlook'],
  ['com.microsoft.skype.teams.ios', 'com.microsoft.skype.teams'],
  ['com.microsoft.msedge.ios', 'com.microsoft.msedge'],
  ['com.microsoft.office.word.ios', 'com.microsoft.Office.Word'],
  ['com.microsoft.skydrive.ios', 'com.microsoft.skydrive'],
];
const androidApps: Array<[string, string]> = [
  ['com.microsoft.office.outlook.android', 'com.microsoft.office.outlook'],
  ['com.microsoft.teams.android', 'com.microsoft.teams'],
  ['com.microsoft.emmx.android', 'com.microsoft.emmx'],
  ['com.microsoft.office.word.android', 'com.microsoft.office.word'],
  ['com.microsoft.skydrive.android', 'com.microsoft.skydrive'],
];

function protectedApps(rng: SeededRandom, odataType: string): Array<Record<string, unknown>> {
  const android = odataType.includes('android');
  const catalog = android ? androidApps : odataType.includes('targetedManagedAppConfiguration') ? iosApps.slice(2, 3) : iosApps;
  const chosen = catalog.filter((_, index) => index < 2 || rng.chance(0.6));
  return chosen.map(([id, identifier]) => ({
    '@odata.type': '#microsoft.graph.managedMobileApp',
    id,
    version: String(rng.int(-2_000_000_000, 2_000_000_000)),
    mobileAppIdentifier: android
      ? { '@odata.type': '#microsoft.graph.androidMobileAppIdentifier', packageId: identifier }
      : { '@odata.type': '#microsoft.graph.iosMobileAppIdentifier', bundleId: identifier },
  }));
}

export function stableId(text: string): string {
  let hash = 2166136261;
  const hex: string[] = [];
  for (let round = 0; round < 4; round += 1) {
    for (const character of `${round}:${text}`) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
    hex.push(hash.toString(16).padStart(8, '0'));
  }
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
