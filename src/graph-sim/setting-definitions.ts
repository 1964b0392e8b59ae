// Settings-catalog setting definitions as Graph serves them: deviceManagement/configurationSettings/{id} (and
// complianceSettings/{id} for v2 compliance), and inline on every setting of `…/settings?$expand=settingDefinitions`,
// where each setting carries the definitions of every settingDefinitionId in its instance tree (the root and all
// children). Shape: deviceManagementConfigurationSettingDefinition and its derived choice / simple / group types
// (Graph beta metadata: accessTypes, applicability, baseUri, categoryId, description, displayName, helpText, infoUrls,
// keywords, name, occurrence, offsetUri, referredSettingInformationList, riskLevel, rootDefinitionId, settingUsage,
// uxBehavior, version, visibility; choice: defaultOptionId, options[] of deviceManagementConfigurationOptionDefinition
// {itemId, name, displayName, description, helpText, optionValue, dependentOn, dependedOnBy}; simple: defaultValue,
// valueDefinition, dependentOn, dependedOnBy).
import type { SimEntity, SimTenant } from './sim-types';

export interface DefinitionSpec {
  id: string;
  displayName: string;
  description?: string;
  /** Choice settings: option item id suffix (after `${id}_`) → its label, e.g. { '0': 'Disabled', '1': 'Enabled' }. */
  options?: Record<string, string>;
  /** Simple integer settings: the allowed range. */
  integer?: { min: number; max: number };
  /** A simple string setting. */
  string?: true;
  /** A group (collection) setting: the ids of its children. */
  children?: string[];
  /** Windows, macOS, iOS, linux: shapes the applicability and base URI. */
  platform?: 'windows10' | 'macOS' | 'iOS' | 'linux';
  /** The root of a child setting's tree (children carry their group's id). */
  rootDefinitionId?: string;
}

const choiceType = '#microsoft.graph.deviceManagementConfigurationChoiceSettingDefinition';
const simpleType = '#microsoft.graph.deviceManagementConfigurationSimpleSettingDefinition';
const groupCollectionType = '#microsoft.graph.deviceManagementConfigurationSettingGroupCollectionDefinition';

/** A definition in Graph's shape from a short description of it. */
export function buildDefinition(spec: DefinitionSpec): SimEntity {
  const platform = spec.platform ?? platformOf(spec.id);
  const base: SimEntity = {
    '@odata.type': spec.options ? choiceType : spec.children ? groupCollectionType : simpleType,
    id: spec.id,
    name: spec.id.split(/[_~]/).at(-1) ?? spec.id,
    displayName: spec.displayName,
    description: spec.description ?? spec.displayName,
    helpText: spec.description ?? spec.displayName,
    version: '638409478427512345',
    accessTypes: 'add,copy,delete,get,replace',
    keywords: [],
    infoUrls: [],
    baseUri: baseUriOf(spec.id, platform),
    offsetUri: spec.id.replace(/^(device|user)_vendor_msft_/, '').replace(/_/g, '/'),
    rootDefinitionId: spec.rootDefinitionId ?? spec.id,
    categoryId: categoryIdOf(spec.id),
    settingUsage: 'configuration',
    uxBehavior: spec.options ? 'dropdown' : spec.children ? 'default' : 'default',
    visibility: 'settingsCatalog,template',
    riskLevel: 'low',
    occurrence: null,
    referredSettingInformationList: [],
    applicability: applicabilityOf(platform),
  };
  if (spec.options) {
    const items = Object.entries(spec.options);
    return {
      ...base,
      defaultOptionId: items[0] ? `${spec.id}_${items[0][0]}` : null,
      options: items.map(([suffix, label]) => ({
        itemId: `${spec.id}_${suffix}`,
        name: label,
        displayName: label,
        description: null,
        helpText: null,
        optionValue: optionValueOf(suffix),
        dependentOn: [],
        dependedOnBy: [],
      })),
    };
  }
  if (spec.children) {
    return { ...base, minimumCount: 0, maximumCount: 100, childIds: spec.children, dependentOn: [], dependedOnBy: [] };
  }
  return {
    ...base,
    dependentOn: [],
    dependedOnBy: [],
    defaultValue: spec.integer
      ? { '@odata.type': '#microsoft.graph.deviceManagementConfigurationIntegerSettingValue', settingValueTemplateReference: null, value: spec.integer.min }
      : { '@odata.type': '#microsoft.graph.deviceManagementConfigurationStringSettingValue', settingValueTemplateReference: null, value: '' },
    valueDefinition: spec.integer
      ? { '@odata.type': '#microsoft.graph.deviceManagementConfigurationIntegerSettingValueDefinition', minimumValue: spec.integer.min, maximumValue: spec.integer.max }
      : { '@odata.type': '#microsoft.graph.deviceManagementConfigurationStringSettingValueDefinition', format: 'none', inputValidationSchema: null, isSecret: false, maximumLength: 1024, minimumLength: 0 },
  };
}

function optionValueOf(suffix: string): Record<string, unknown> {
  const numeric = Number(suffix);
  return Number.isInteger(numeric) && suffix.trim() !== ''
    ? { '@odata.type': '#microsoft.graph.deviceManagementConfigurationIntegerSettingValue', settingValueTemplateReference: null, value: numeric }
    : { '@odata.type': '#microsoft.graph.deviceManagementConfigurationStringSettingValue', settingValueTemplateReference: null, value: suffix };
}

function platformOf(id: string): NonNullable<DefinitionSpec['platform']> {
  if (id.startsWith('com.apple.')) return 'macOS';
  if (id.startsWith('linux_')) return 'linux';
  return 'windows10';
}

function baseUriOf(id: string, platform: NonNullable<DefinitionSpec['platform']>): string {
  if (platform === 'macOS') return 'com.apple.managedclient.preferences';
  if (platform === 'linux') return '';
  return id.startsWith('user_') ? './User/Vendor/MSFT' : './Device/Vendor/MSFT';
}

function applicabilityOf(platform: NonNullable<DefinitionSpec['platform']>): Record<string, unknown> {
  if (platform === 'windows10') {
    return {
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationWindowsSettingApplicability',
      description: null, platform: 'windows10', deviceMode: 'none', technologies: 'mdm',
      configurationServiceProviderVersion: '1.0', maximumSupportedVersion: null, minimumSupportedVersion: '10.0.17763',
      windowsSkus: [], requiresAzureAd: false, requiredAzureAdTrustType: 'none',
    };
  }
  return {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationSettingApplicability',
    description: null, platform, deviceMode: 'none', technologies: platform === 'linux' ? 'linuxMdm' : 'mdm,appleRemoteManagement',
  };
}

// A stable GUID from text (categories are GUIDs in Graph), so the same definition always has the same category.
function categoryIdOf(id: string): string {
  const prefix = id.split('_').slice(0, 5).join('_');
  let hash = 2166136261;
  const hex: string[] = [];
  for (let round = 0; round < 4; round += 1) {
    for (const character of `${round}:${prefix}`) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
    hex.push(hash.toString(16).padStart(8, '0'));
  }
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What a policy's setting instance trees say about each definition id: its instance type and the choice values used. */
export interface SeenDefinition {
  instanceType: string;
  choiceValues: Set<string>;
  children: Set<string>;
  rootDefinitionId: string;
}

/** Walks every settingInstance tree (choice children, group and collection values) and notes each definition id. */
export function collectDefinitionIds(node: unknown, seen = new Map<string, SeenDefinition>(), root: string | null = null, parent: string | null = null): Map<string, SeenDefinition> {
  if (Array.isArray(node)) {
    for (const element of node) collectDefinitionIds(element, seen, root, parent);
    return seen;
  }
  if (typeof node !== 'object' || node === null) return seen;
  const record = node as Record<string, unknown>;
  const id = typeof record['settingDefinitionId'] === 'string' ? record['settingDefinitionId'] : null;
  let nextRoot = root;
  let nextParent = parent;
  if (id) {
    nextRoot = root ?? id;
    nextParent = id;
    const entry = seen.get(id) ?? { instanceType: String(record['@odata.type'] ?? ''), choiceValues: new Set<string>(), children: new Set<string>(), rootDefinitionId: nextRoot };
    seen.set(id, entry);
    if (parent && parent !== id) seen.get(parent)?.children.add(id);
    const choice = record['choiceSettingValue'] as Record<string, unknown> | undefined;
    if (typeof choice?.['value'] === 'string') entry.choiceValues.add(choice['value']);
    const choices = record['choiceSettingCollectionValue'];
    if (Array.isArray(choices)) for (const value of choices) if (typeof (value as Record<string, unknown>)?.['value'] === 'string') entry.choiceValues.add((value as Record<string, string>)['value'] as string);
  }
  for (const [key, value] of Object.entries(record)) {
    if (key === 'settingDefinitions') continue;
    if (typeof value === 'object' && value !== null) collectDefinitionIds(value, seen, nextRoot, nextParent);
  }
  return seen;
}

/**
 * A definition modelled from what policies say about a definition id, for tenants whose data carries no definitions
 * (exports do not): a MODEL, not Microsoft's text. The display name is the id's last segment, the options are the
 * choice values seen (labelled by their suffix).
 */
export function modelDefinition(id: string, seen: SeenDefinition | undefined): SimEntity {
  const last = id.split('~').at(-1)?.split('_').filter(Boolean) ?? [id];
  const words = last.slice(-2).join(' ');
  const displayName = words.charAt(0).toUpperCase() + words.slice(1);
  const isChoice = (seen?.instanceType ?? '').includes('Choice') || (seen?.choiceValues.size ?? 0) > 0;
  const isGroup = (seen?.instanceType ?? '').includes('Group');
  const options = isChoice
    ? Object.fromEntries([...(seen?.choiceValues ?? [])].sort().map((value) => {
        const suffix = value.startsWith(`${id}_`) ? value.slice(id.length + 1) : value;
        return [suffix, suffix];
      }))
    : undefined;
  const definition = buildDefinition({
    id,
    displayName,
    description: `${displayName} (modelled by graph-sim from ${id}; the export carries no setting definitions)`,
    ...(options ? { options } : isGroup ? { children: [...(seen?.children ?? [])] } : (seen?.instanceType ?? '').includes('Integer') ? { integer: { min: 0, max: 2147483647 } } : { string: true as const }),
    ...(seen && seen.rootDefinitionId !== id ? { rootDefinitionId: seen.rootDefinitionId } : {}),
  });
  return definition;
}

/** Builds a definition for every settingDefinitionId the tenant's settings use (the fixture loader's model). */
export function modelDefinitionsFor(policies: readonly SimEntity[]): SimEntity[] {
  const seen = new Map<string, SeenDefinition>();
  for (const policy of policies) collectDefinitionIds(policy['settings'], seen);
  return [...seen.entries()].map(([id, entry]) => modelDefinition(id, entry));
}

/** The tenant's definitions by id (built once per tenant array identity, rebuilt when the array changes). */
const indexes = new WeakMap<SimEntity[], { size: number; byId: Map<string, SimEntity> }>();

export function findDefinition(tenant: SimTenant, id: string): SimEntity | undefined {
  const list = tenant.setting_definitions;
  if (!list) return undefined;
  let index = indexes.get(list);
  if (!index || index.size !== list.length) {
    index = { size: list.length, byId: new Map(list.map((definition) => [definition.id, definition])) };
    indexes.set(list, index);
  }
  return index.byId.get(id);
}

/** The definitions of every definition id in one setting's instance tree, in tree order (root first). */
export function definitionsOfSetting(tenant: SimTenant, setting: Record<string, unknown>): SimEntity[] {
  const seen = collectDefinitionIds(setting['settingInstance']);
  return [...seen.entries()].map(([id, entry]) => findDefinition(tenant, id) ?? modelDefinition(id, entry));
}
