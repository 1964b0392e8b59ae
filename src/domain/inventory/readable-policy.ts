// An inventory item as a person reads it (the item view of the inventory hub): its settings one per row,
// nested settings indented, and its assignments in words. Pure and shared, so the API presents every item
// the same way and drift can later name a setting exactly as this view shows it.
import { normalizePolicy, type NormalizedValue } from './normalize-policy';

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
  const rows: SettingRow[] = [];
  if (Array.isArray(payload['settings'])) {
    for (const setting of payload['settings']) {
      const instance = isRecord(setting) ? setting['settingInstance'] : undefined;
      if (isRecord(instance)) settingInstanceRows(instance, 0, rows);
    }
  }
  if (Array.isArray(payload['definitionValues'])) {
    for (const value of payload['definitionValues']) {
      if (!isRecord(value)) continue;
      const definition = isRecord(value['definition']) ? value['definition'] : {};
      const name = typeof definition['displayName'] === 'string' ? definition['displayName'] : String(definition['id'] ?? value['id'] ?? 'definition');
      const path = typeof definition['categoryPath'] === 'string' ? `${definition['categoryPath']} › ` : '';
      rows.push({ depth: 0, id: `${path}${name}`, value: value['enabled'] === false ? 'Disabled' : 'Enabled' });
    }
  }
  if (Array.isArray(payload['scheduledActionsForRule'])) {
    for (const rule of payload['scheduledActionsForRule']) {
      const actions = isRecord(rule) && Array.isArray(rule['scheduledActionConfigurations']) ? rule['scheduledActionConfigurations'] : [];
      for (const action of actions) {
        if (!isRecord(action)) continue;
        const hours = typeof action['gracePeriodHours'] === 'number' ? action['gracePeriodHours'] : 0;
        rows.push({ depth: 0, id: `Action for noncompliance: ${String(action['actionType'] ?? 'unknown')}`, value: hours === 0 ? 'Immediately' : `After ${hours / 24} days` });
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

function settingInstanceRows(instance: Record<string, unknown>, depth: number, rows: SettingRow[]): void {
  const id = typeof instance['settingDefinitionId'] === 'string' ? instance['settingDefinitionId'] : 'setting';
  const choice = instance['choiceSettingValue'];
  const simple = instance['simpleSettingValue'];
  if (isRecord(choice)) {
    rows.push({ depth, id, value: readableChoice(id, choice['value']) });
    childInstances(choice['children'], depth + 1, rows);
  } else if (isRecord(simple)) {
    rows.push({ depth, id, value: simple['value'] === undefined || simple['value'] === null ? '' : String(simple['value']) });
  } else if (Array.isArray(instance['simpleSettingCollectionValue'])) {
    const values = instance['simpleSettingCollectionValue'].map((entry) => (isRecord(entry) ? String(entry['value'] ?? '') : ''));
    rows.push({ depth, id, value: values.join(', ') });
  } else if (Array.isArray(instance['choiceSettingCollectionValue'])) {
    const values = instance['choiceSettingCollectionValue'].map((entry) => (isRecord(entry) ? readableChoice(id, entry['value']) : ''));
    rows.push({ depth, id, value: values.join(', ') });
  } else if (Array.isArray(instance['groupSettingCollectionValue']) || isRecord(instance['groupSettingValue'])) {
    rows.push({ depth, id, value: null });
    const groups = Array.isArray(instance['groupSettingCollectionValue']) ? instance['groupSettingCollectionValue'] : [instance['groupSettingValue']];
    for (const group of groups) if (isRecord(group)) childInstances(group['children'], depth + 1, rows);
  } else {
    rows.push({ depth, id, value: null });
  }
}

function childInstances(children: unknown, depth: number, rows: SettingRow[]): void {
  if (!Array.isArray(children)) return;
  for (const child of children) if (isRecord(child)) settingInstanceRows(child, depth, rows);
}

/** `com.apple.security.firewall_blockallincoming_false` under that definition reads "false". */
export function readableChoice(definitionId: string, value: unknown): string {
  if (typeof value !== 'string') return value === undefined || value === null ? '' : String(value);
  return value.startsWith(`${definitionId}_`) ? value.slice(definitionId.length + 1) : value;
}

function propertyRows(path: string, value: NormalizedValue, depth: number, rows: SettingRow[]): void {
  if (Array.isArray(value)) {
    if (value.every((entry) => typeof entry !== 'object')) rows.push({ depth, id: path, value: value.join(', ') });
    else {
      rows.push({ depth, id: path, value: null });
      value.forEach((entry, index) => propertyRows(`${path}[${index + 1}]`, entry, depth + 1, rows));
    }
  } else if (typeof value === 'object') {
    rows.push({ depth, id: path, value: null });
    for (const [key, child] of Object.entries(value)) propertyRows(key, child, depth + 1, rows);
  } else {
    rows.push({ depth, id: path, value: String(value) });
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
