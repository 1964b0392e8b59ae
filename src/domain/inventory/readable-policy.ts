// An inventory item as a person reads it (the item view of the inventory hub): its settings one per row,
// nested settings indented, and its assignments in words. Pure and shared, so the API presents every item
// the same way and drift can later name a setting exactly as this view shows it.
import { normalizePolicy, type NormalizedValue } from './normalize-policy';
import { scriptBodyLabel, scriptBodyText } from './script-body';
import {
  choiceLabel,
  emptySettingVocabulary,
  settingDefinitionIds,
  type SettingVocabulary,
} from './setting-definitions';

export {
  choiceLabel,
  definitionIdsInPath,
  emptySettingVocabulary,
  settingDefinitionIds,
  settingName,
  settingVocabulary,
  summarizeSettingDefinition,
  summarizeSettingDefinitions,
  type SettingDefinitionSummary,
  type SettingOptionLabel,
  type SettingVocabulary,
} from './setting-definitions';

export interface SettingRow {
  /** 0 for a top-level setting; children are one deeper. */
  depth: number;
  /** The setting's identity: a settings-catalog definition id, a definition's display name, or a property path. */
  id: string;
  /** The value as text, choice values without their definition prefix; null for a group that only holds children. */
  value: string | null;
}

export interface AssignmentRow {
  /** "Group", "All devices", "All users", "Excluded group", … */
  target: string;
  group_id: string | null;
  filter_id: string | null;
  /** include / exclude, when a filter applies. */
  filter_mode: string | null;
}

// Properties that are identity or structure rather than settings; children collections get their own rows.
const notSettings = new Set(['@odata.type', 'displayName', 'name', 'description', 'assignments', 'settings', 'definitionValues', 'scheduledActionsForRule', 'roleScopeTagIds', 'templateReference']);

export function readableSettings(payload: Readonly<Record<string, unknown>>): SettingRow[] {
  return namedSettings(payload, emptySettingVocabulary).map(({ depth, id, value }) => ({ depth, id, value }));
}

/** A setting row in Intune's words: its definition's display name and the chosen option's label, when known. */
export interface NamedSettingRow extends SettingRow {
  /** The setting's display name from its definition; null when unknown (the id is then what a person reads). */
  name: string | null;
  /** The definition's description, for a tooltip. */
  description: string | null;
  /** Why `name` is missing, in plain words; null when there is a name or nothing to explain. */
  name_note: string | null;
}

export const settingNameUnavailable = 'name unavailable: the setting definition has not been read yet (next sync)';

/** The item view's settings: `readableSettings` with names and option labels from the setting definitions. */
export function namedSettings(payload: Readonly<Record<string, unknown>>, vocabulary: SettingVocabulary): NamedSettingRow[] {
  const rows: NamedSettingRow[] = [];
  const plain = (depth: number, id: string, value: string | null): NamedSettingRow => ({ depth, id, value, name: null, description: null, name_note: null });
  if (Array.isArray(payload['settings'])) {
    for (const setting of payload['settings']) {
      const instance = isRecord(setting) ? setting['settingInstance'] : undefined;
      if (isRecord(instance)) settingInstanceRows(instance, 0, rows, vocabulary);
    }
  }
  if (Array.isArray(payload['definitionValues'])) {
    for (const value of payload['definitionValues']) {
      if (!isRecord(value)) continue;
      const definition = isRecord(value['definition']) ? value['definition'] : {};
      const name = typeof definition['displayName'] === 'string' ? definition['displayName'] : String(definition['id'] ?? value['id'] ?? 'definition');
      const path = typeof definition['categoryPath'] === 'string' ? `${definition['categoryPath']} › ` : '';
      rows.push(plain(0, `${path}${name}`, value['enabled'] === false ? 'Disabled' : 'Enabled'));
    }
  }
  if (Array.isArray(payload['scheduledActionsForRule'])) {
    for (const rule of payload['scheduledActionsForRule']) {
      const actions = isRecord(rule) && Array.isArray(rule['scheduledActionConfigurations']) ? rule['scheduledActionConfigurations'] : [];
      for (const action of actions) {
        if (!isRecord(action)) continue;
        const hours = typeof action['gracePeriodHours'] === 'number' ? action['gracePeriodHours'] : 0;
        rows.push(plain(0, `Action for noncompliance: ${String(action['actionType'] ?? 'unknown')}`, hours === 0 ? 'Immediately' : `After ${hours / 24} days`));
      }
    }
  }
  // A settings catalog policy's settings are its settings; its own properties (platforms, technologies, …) are not.
  if (Array.isArray(payload['settings'])) return rows;
  const normalized = normalizePolicy(payload);
  for (const [key, value] of Object.entries(normalized)) {
    if (notSettings.has(key)) continue;
    propertyRows(key, value, 0, rows);
  }
  return rows;
}

function settingInstanceRows(instance: Record<string, unknown>, depth: number, rows: NamedSettingRow[], vocabulary: SettingVocabulary): void {
  const id = typeof instance['settingDefinitionId'] === 'string' ? instance['settingDefinitionId'] : 'setting';
  const definition = vocabulary.definition(id);
  const push = (value: string | null) =>
    rows.push({ depth, id, value, name: definition?.display_name ?? null, description: definition?.description ?? null, name_note: definition?.display_name ? null : settingNameUnavailable });
  const choice = instance['choiceSettingValue'];
  const simple = instance['simpleSettingValue'];
  if (isRecord(choice)) {
    push(choiceLabel(vocabulary, id, choice['value']).label);
    childInstances(choice['children'], depth + 1, rows, vocabulary);
  } else if (isRecord(simple)) {
    push(simple['value'] === undefined || simple['value'] === null ? '' : String(simple['value']));
  } else if (Array.isArray(instance['simpleSettingCollectionValue'])) {
    const values = instance['simpleSettingCollectionValue'].map((entry) => (isRecord(entry) ? String(entry['value'] ?? '') : ''));
    push(values.join(', '));
  } else if (Array.isArray(instance['choiceSettingCollectionValue'])) {
    const values = instance['choiceSettingCollectionValue'].map((entry) => (isRecord(entry) ? choiceLabel(vocabulary, id, entry['value']).label : ''));
    push(values.join(', '));
  } else if (Array.isArray(instance['groupSettingCollectionValue']) || isRecord(instance['groupSettingValue'])) {
    push(null);
    const groups = Array.isArray(instance['groupSettingCollectionValue']) ? instance['groupSettingCollectionValue'] : [instance['groupSettingValue']];
    for (const group of groups) if (isRecord(group)) childInstances(group['children'], depth + 1, rows, vocabulary);
  } else {
    push(null);
  }
}

function childInstances(children: unknown, depth: number, rows: NamedSettingRow[], vocabulary: SettingVocabulary): void {
  if (!Array.isArray(children)) return;
  for (const child of children) if (isRecord(child)) settingInstanceRows(child, depth, rows, vocabulary);
}

/** `com.apple.security.firewall_blockallincoming_false` under that definition reads "false". */
export function readableChoice(definitionId: string, value: unknown): string {
  if (typeof value !== 'string') return value === undefined || value === null ? '' : String(value);
  return value.startsWith(`${definitionId}_`) ? value.slice(definitionId.length + 1) : value;
}

function propertyRows(path: string, value: NormalizedValue, depth: number, rows: NamedSettingRow[]): void {
  const row = (text: string | null): NamedSettingRow => ({ depth, id: path, value: text, name: null, description: null, name_note: null });
  const scriptLabel = depth === 0 ? scriptBodyLabel(path) : null;
  if (scriptLabel) {
    const script = scriptBodyText(value);
    if (script !== null) {
      rows.push({ ...row(script), name: scriptLabel });
      return;
    }
  }
  if (Array.isArray(value)) {
    if (value.every((entry) => typeof entry !== 'object')) rows.push(row(value.join(', ')));
    else {
      rows.push(row(null));
      value.forEach((entry, index) => propertyRows(`${path}[${index + 1}]`, entry, depth + 1, rows));
    }
  } else if (typeof value === 'object') {
    rows.push(row(null));
    for (const [key, child] of Object.entries(value)) propertyRows(key, child, depth + 1, rows);
  } else {
    rows.push(row(String(value)));
  }
}

const targetLabels: Record<string, string> = {
  '#microsoft.graph.groupAssignmentTarget': 'Group',
  '#microsoft.graph.exclusionGroupAssignmentTarget': 'Excluded group',
  '#microsoft.graph.allDevicesAssignmentTarget': 'All devices',
  '#microsoft.graph.allLicensedUsersAssignmentTarget': 'All users',
  '#microsoft.graph.configurationManagerCollectionAssignmentTarget': 'Configuration Manager collection',
};

export function readableAssignments(payload: Readonly<Record<string, unknown>>): AssignmentRow[] {
  const assignments = Array.isArray(payload['assignments']) ? payload['assignments'] : [];
  return assignments.filter(isRecord).map((assignment) => {
    const target = isRecord(assignment['target']) ? assignment['target'] : {};
    const odataType = String(target['@odata.type'] ?? '');
    const filterId = typeof target['deviceAndAppManagementAssignmentFilterId'] === 'string' ? target['deviceAndAppManagementAssignmentFilterId'] : null;
    const filterMode = typeof target['deviceAndAppManagementAssignmentFilterType'] === 'string' ? target['deviceAndAppManagementAssignmentFilterType'] : null;
    return {
      target: targetLabels[odataType] ?? (odataType.replace(/^#microsoft\.graph\./, '') || 'Unknown target'),
      group_id: typeof target['groupId'] === 'string' ? target['groupId'] : null,
      filter_id: filterId,
      filter_mode: filterId && filterMode && filterMode !== 'none' ? filterMode : null,
    };
  });
}

// ── Directory names: groups and assignment filters ────────────────────────────────────────────────────────────

export type DirectoryKind = 'group' | 'assignment_filter';

/** A stored name (src/db/queries/directory-names.ts has the same shape). */
export interface DirectoryNameEntry {
  display_name: string | null;
  state: 'resolved' | 'not_found';
}

/** Whether names of a kind could be read at the tenant's last attempt, and why not. */
export interface DirectorySourceEntry {
  status: 'available' | 'unavailable';
  reason: string | null;
}

export interface DirectoryVocabulary {
  name(kind: DirectoryKind, id: string): DirectoryNameEntry | undefined;
  source(kind: DirectoryKind): DirectorySourceEntry | undefined;
}

/** Knows no names and explains nothing: for surfaces that show no assignments. */
export const emptyDirectoryVocabulary: DirectoryVocabulary = { name: () => undefined, source: () => undefined };

/** A name for people, or null with a plain note saying why only the id can be shown. */
export interface ReadableName {
  name: string | null;
  note: string | null;
}

const permissionFor: Record<DirectoryKind, string> = { group: 'Group.Read.All', assignment_filter: 'DeviceManagementConfiguration.Read.All' };

/** The name of a group or filter, or why there is none. Never throws: the id is always there to show. */
export function directoryName(directory: DirectoryVocabulary, kind: DirectoryKind, id: string): ReadableName {
  const entry = directory.name(kind, id);
  if (entry?.state === 'resolved' && entry.display_name) return { name: entry.display_name, note: null };
  if (entry?.state === 'not_found') return { name: null, note: kind === 'group' ? 'group not found in the tenant (deleted?)' : 'filter not found in the tenant (deleted?)' };
  const source = directory.source(kind);
  if (source?.status === 'unavailable') {
    return { name: null, note: source.reason === 'forbidden' ? `name unavailable: grant ${permissionFor[kind]}` : 'name unavailable: Graph did not answer at the last sync' };
  }
  if (directory === emptyDirectoryVocabulary) return { name: null, note: null };
  return { name: null, note: 'name unavailable: read at the end of the next sync' };
}

export interface NamedAssignmentRow extends AssignmentRow {
  group_name: string | null;
  group_note: string | null;
  filter_name: string | null;
  filter_note: string | null;
}

/** The item view's assignments: `readableAssignments` with group and filter names. */
export function namedAssignments(payload: Readonly<Record<string, unknown>>, directory: DirectoryVocabulary): NamedAssignmentRow[] {
  return readableAssignments(payload).map((row) => {
    const group = row.group_id ? directoryName(directory, 'group', row.group_id) : { name: null, note: null };
    const filter = row.filter_id ? directoryName(directory, 'assignment_filter', row.filter_id) : { name: null, note: null };
    return { ...row, group_name: group.name, group_note: group.note, filter_name: filter.name, filter_note: filter.note };
  });
}

/** The group and filter ids a payload's assignments name. */
export function assignmentDirectoryIds(payload: unknown): { groups: string[]; filters: string[] } {
  const rows = isRecord(payload) ? readableAssignments(payload) : [];
  return {
    groups: [...new Set(rows.flatMap((row) => (row.group_id ? [row.group_id] : [])))],
    filters: [...new Set(rows.flatMap((row) => (row.filter_id ? [row.filter_id] : [])))],
  };
}

/** The ids an item view needs names for: its settings' definitions, its groups and filters. */
export function itemNameIds(payload: unknown): { definitions: string[]; groups: string[]; filters: string[] } {
  return { definitions: settingDefinitionIds(payload), ...assignmentDirectoryIds(payload) };
}

// ── Drift evidence in words ───────────────────────────────────────────────────────────────────────────────────

/** A change as drift stores it (domain/drift/compare-policy.ts): identities only. */
export interface EvidenceChange {
  path: string;
  area: 'setting' | 'assignment' | 'property';
  baseline: unknown;
  current: unknown;
}

export interface ReadableChange {
  /** What changed, for people: the setting's display name, "Group: Pilot devices", or the property path. */
  label: string;
  /** Where it sits: the parent settings' names (nested settings), or null. */
  context: string | null;
  /** The baseline value in words (an option's label, a group's name), or null when the raw value is as readable. */
  baseline_text: string | null;
  current_text: string | null;
  /** Plain notes on names that could not be shown ("name unavailable: grant Group.Read.All"). */
  notes: string[];
}

interface PathSegment {
  name: string;
  key: string | null;
}

/** `settings[a.b].x.children[{"v":[1]}]` → segments, bracket keys kept whole (they may hold dots and brackets). */
export function pathSegments(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let name = '';
  for (let i = 0; i < path.length; i += 1) {
    const char = path[i] as string;
    if (char === '.') {
      if (name !== '') segments.push({ name, key: null });
      name = '';
    } else if (char === '[') {
      let depth = 1;
      let j = i + 1;
      for (; j < path.length && depth > 0; j += 1) {
        if (path[j] === '[') depth += 1;
        else if (path[j] === ']') depth -= 1;
      }
      segments.push({ name, key: path.slice(i + 1, j - 1) });
      name = '';
      i = j - 1;
    } else {
      name += char;
    }
  }
  if (name !== '') segments.push({ name, key: null });
  return segments;
}

/** The definition ids of a change's path, outermost first (`settings[…]`, nested `children[…]`). */
function pathDefinitions(segments: readonly PathSegment[]): string[] {
  return segments.flatMap((segment) => ((segment.name === 'settings' || segment.name === 'children') && segment.key && !segment.key.startsWith('group:') && !segment.key.startsWith('{') ? [segment.key] : []));
}

const targetKinds: Record<string, string> = {
  groupAssignmentTarget: 'Group',
  exclusionGroupAssignmentTarget: 'Excluded group',
  allDevicesAssignmentTarget: 'All devices',
  allLicensedUsersAssignmentTarget: 'All users',
  configurationManagerCollectionAssignmentTarget: 'Configuration Manager collection',
};

const filterIdField = 'deviceAndAppManagementAssignmentFilterId';

/** The ids a list of changes needs names for, so a page looks them up once. */
export function evidenceNameIds(changes: readonly EvidenceChange[]): { definitions: string[]; groups: string[]; filters: string[] } {
  const definitions = new Set<string>();
  const groups = new Set<string>();
  const filters = new Set<string>();
  for (const change of changes) {
    const segments = pathSegments(change.path);
    if (change.area === 'setting') {
      for (const id of pathDefinitions(segments)) definitions.add(id);
      for (const value of [change.baseline, change.current]) for (const id of settingDefinitionIds({ settings: [value] })) definitions.add(id);
    } else if (change.area === 'assignment') {
      const target = assignmentTarget(segments);
      if (target?.groupId) groups.add(target.groupId);
      for (const value of [change.baseline, change.current]) {
        if (typeof value === 'string' && segments.at(-1)?.name === filterIdField) filters.add(value);
        const ids = assignmentDirectoryIds({ assignments: [value] });
        ids.groups.forEach((id) => groups.add(id));
        ids.filters.forEach((id) => filters.add(id));
      }
    }
  }
  return { definitions: [...definitions], groups: [...groups], filters: [...filters] };
}

function assignmentTarget(segments: readonly PathSegment[]): { kind: string; groupId: string | null } | null {
  const key = segments[0]?.name === 'assignments' ? segments[0].key : null;
  if (!key) return null;
  const colon = key.indexOf(':');
  const type = colon < 0 ? key : key.slice(0, colon);
  const groupId = colon < 0 ? '' : key.slice(colon + 1);
  return { kind: targetKinds[type] ?? type, groupId: groupId === '' ? null : groupId };
}

/**
 * One drift change in Intune's words: the setting's display name and its options' labels, or the assignment's group
 * and filter names. The stored path and values stay what they are (identities); this only adds text for people.
 */
export function readableChange(change: EvidenceChange, settings: SettingVocabulary, directory: DirectoryVocabulary): ReadableChange {
  const segments = pathSegments(change.path);
  if (change.area === 'setting') return readableSettingChange(change, segments, settings);
  if (change.area === 'assignment') return readableAssignmentChange(change, segments, directory);
  const scriptLabel = scriptBodyLabel(change.path);
  if (scriptLabel) return { label: scriptLabel, context: null, baseline_text: scriptBodyText(change.baseline), current_text: scriptBodyText(change.current), notes: [] };
  return { label: change.path, context: null, baseline_text: null, current_text: null, notes: [] };
}

function readableSettingChange(change: EvidenceChange, segments: PathSegment[], settings: SettingVocabulary): ReadableChange {
  const definitions = pathDefinitions(segments);
  const catalog = segments.some((segment) => segment.name === 'settingInstance' || segment.name === 'children');
  if (definitions.length === 0) return { label: change.path, context: null, baseline_text: null, current_text: null, notes: [] };
  const last = definitions[definitions.length - 1] as string;
  const nameOf = (id: string) => settings.definition(id)?.display_name ?? null;
  const lastName = nameOf(last);
  const parents = definitions.slice(0, -1).map((id) => nameOf(id) ?? id);
  // A choice's value (`…choiceSettingValue.value`) is an option's itemId; a whole setting added or removed is a
  // settings element whose own value is read the same way.
  const endsAtChoice = segments.at(-1)?.name === 'value' && segments.at(-2)?.name === 'choiceSettingValue';
  const text = (value: unknown): string | null => {
    if (value === null || value === undefined) return null;
    if (endsAtChoice) {
      const choice = choiceLabel(settings, last, value);
      return choice.label === value ? null : choice.label;
    }
    if (isRecord(value)) {
      const rows = namedSettings({ settings: [value.settingInstance ? value : { settingInstance: value }] }, settings).filter((row) => row.value !== null && row.value !== '');
      if (rows.length === 0) return null;
      return rows.map((row) => (rows.length === 1 && row.id === last ? (row.value as string) : `${row.name ?? row.id}: ${row.value}`)).join('; ');
    }
    return null;
  };
  const notes = catalog && (lastName === null || parents.some((parent, index) => parent === definitions[index])) ? [settingNameUnavailable] : [];
  return {
    label: lastName ?? last,
    context: parents.length > 0 ? parents.join(' › ') : null,
    baseline_text: text(change.baseline),
    current_text: text(change.current),
    notes,
  };
}

function readableAssignmentChange(change: EvidenceChange, segments: PathSegment[], directory: DirectoryVocabulary): ReadableChange {
  const target = assignmentTarget(segments);
  const notes = new Set<string>();
  const named = (kind: DirectoryKind, id: string): string => {
    const name = directoryName(directory, kind, id);
    if (name.note) notes.add(name.note);
    return name.name ?? id;
  };
  let label = change.path;
  if (target) label = target.groupId ? `${target.kind}: ${named('group', target.groupId)}` : target.kind;
  const field = segments.at(-1)?.name;
  const text = (value: unknown): string | null => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string' && field === filterIdField) return named('assignment_filter', value);
    if (isRecord(value) && isRecord(value['target'])) {
      const row = readableAssignments({ assignments: [value] })[0];
      if (!row) return null;
      const parts = [row.group_id ? `${row.target}: ${named('group', row.group_id)}` : row.target];
      if (row.filter_id) parts.push(`filter ${named('assignment_filter', row.filter_id)}${row.filter_mode ? ` (${row.filter_mode})` : ''}`);
      return parts.join(', ');
    }
    return null;
  };
  const baseline_text = text(change.baseline);
  const current_text = text(change.current);
  const detail = field && field !== 'assignments' && segments.length > 1 ? ` › ${field === filterIdField ? 'filter' : field === 'deviceAndAppManagementAssignmentFilterType' ? 'filter mode' : field}` : '';
  return { label: `${label}${detail}`, context: null, baseline_text, current_text, notes: [...notes] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
