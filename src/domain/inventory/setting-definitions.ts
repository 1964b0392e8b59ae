// The words Intune uses for a settings-catalog setting (issue 19, point 4). Graph returns them as setting
// definitions, either expanded on a policy's settings (`configurationPolicies/{id}/settings?$expand=settingDefinitions`,
// one array per setting) or one at a time (`deviceManagement/configurationSettings/{id}`). A definition
// (deviceManagementConfigurationSettingDefinition) has `id`, `displayName`, `description`; a choice definition
// (deviceManagementConfigurationChoiceSettingDefinition, and its collection subtype) adds `options`, each a
// deviceManagementConfigurationOptionDefinition with `itemId` (the value a policy stores, e.g.
// `…_donotallowpasswordsaving_1`) and `displayName` ("Enabled"). Sources:
// https://learn.microsoft.com/graph/api/resources/intune-deviceconfigv2-devicemanagementconfigurationsettingdefinition?view=graph-rest-beta
// https://learn.microsoft.com/graph/api/resources/intune-deviceconfigv2-devicemanagementconfigurationchoicesettingdefinition?view=graph-rest-beta
// https://learn.microsoft.com/graph/api/resources/intune-deviceconfigv2-devicemanagementconfigurationoptiondefinition?view=graph-rest-beta
//
// Pure: the sync hands raw definitions to `summarizeSettingDefinition`, the database keeps the summaries
// product-wide, and every surface that shows a setting reads its label through a `SettingVocabulary`.
// Names are for people: comparison, fingerprints and stored evidence keep the definition id.

export interface SettingOptionLabel {
  /** The option's itemId: the exact value a policy stores for this choice. */
  item_id: string;
  display_name: string | null;
}

export interface SettingDefinitionSummary {
  id: string;
  display_name: string | null;
  description: string | null;
  options: SettingOptionLabel[];
}

/** Descriptions are for a tooltip; a few of Intune's run to pages. */
const maxDescriptionLength = 600;

/** The part of a raw Graph definition TenantAtlas keeps, or null when it has no id. */
export function summarizeSettingDefinition(raw: Readonly<Record<string, unknown>>): SettingDefinitionSummary | null {
  const id = raw['id'];
  if (typeof id !== 'string' || id.length === 0) return null;
  const options: SettingOptionLabel[] = [];
  if (Array.isArray(raw['options'])) {
    for (const option of raw['options']) {
      if (!isRecord(option) || typeof option['itemId'] !== 'string') continue;
      options.push({ item_id: option['itemId'], display_name: text(option['displayName']) });
    }
  }
  const description = text(raw['description']);
  return {
    id,
    display_name: text(raw['displayName']) ?? text(raw['name']),
    description: description && description.length > maxDescriptionLength ? `${description.slice(0, maxDescriptionLength - 1)}…` : description,
    options,
  };
}

/** The summaries of a page's definitions, one per id (a page repeats the definitions its policies share). */
export function summarizeSettingDefinitions(raws: readonly Readonly<Record<string, unknown>>[]): SettingDefinitionSummary[] {
  const byId = new Map<string, SettingDefinitionSummary>();
  for (const raw of raws) {
    const summary = isRecord(raw) ? summarizeSettingDefinition(raw) : null;
    if (summary && !byId.has(summary.id)) byId.set(summary.id, summary);
  }
  return [...byId.values()];
}

/** What a surface knows about setting definitions: looked up by id, missing ids simply unknown. */
export interface SettingVocabulary {
  definition(id: string): SettingDefinitionSummary | undefined;
}

export const emptySettingVocabulary: SettingVocabulary = { definition: () => undefined };

export function settingVocabulary(definitions: Iterable<SettingDefinitionSummary>): SettingVocabulary {
  const byId = new Map<string, SettingDefinitionSummary>();
  for (const definition of definitions) byId.set(definition.id, definition);
  return { definition: (id) => byId.get(id) };
}

/** The display name of a setting, or null when its definition is unknown. */
export function settingName(vocabulary: SettingVocabulary, definitionId: string): string | null {
  return vocabulary.definition(definitionId)?.display_name ?? null;
}

/**
 * The label of a stored choice value: the option's display name when the definition knows it, otherwise the
 * value without its definition prefix (`…_firewall_blockallincoming_false` → "false"), so an unknown definition
 * still reads better than the raw item id. `known` says which it was.
 */
export function choiceLabel(vocabulary: SettingVocabulary, definitionId: string, value: unknown): { label: string; known: boolean } {
  if (typeof value !== 'string') return { label: value === undefined || value === null ? '' : String(value), known: false };
  const option = vocabulary.definition(definitionId)?.options.find((candidate) => candidate.item_id === value);
  if (option?.display_name) return { label: option.display_name, known: true };
  return { label: value.startsWith(`${definitionId}_`) ? value.slice(definitionId.length + 1) : value, known: false };
}

/** Every settings-catalog definition id a payload names (settings and their nested children), for one lookup. */
export function settingDefinitionIds(payload: unknown): string[] {
  const ids = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const entry of value) visit(entry);
    } else if (isRecord(value)) {
      if (typeof value['settingDefinitionId'] === 'string') ids.add(value['settingDefinitionId']);
      for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) visit(child);
    }
  };
  if (isRecord(payload) && Array.isArray(payload['settings'])) visit(payload['settings']);
  return [...ids];
}

/** The definition ids named in drift evidence paths: `settings[<id>]…` and nested `children[<id>]…`. */
export function definitionIdsInPath(path: string): string[] {
  const ids: string[] = [];
  for (const match of path.matchAll(/(?:^|\.)(?:settings|children)\[([^\]]+)\]/g)) if (match[1]) ids.push(match[1]);
  return ids;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
