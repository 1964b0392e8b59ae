// SPEC §7 normalization: the one function that decides whether two reads of a policy carry the same
// configuration. Inventory sync hashes its output (the content hash), and drift compares it, so re-reading an
// unchanged policy can never look like a change. The rules, and why:
// - Server-managed fields say nothing about the configuration: ids, creation and modification times, version,
//   counters Graph derives (settingCount, isAssigned), OData annotations other than `@odata.type` (including
//   per-property ones such as `createdDateTime@odata.type`, which only some reads carry) and OData actions.
// - `id` is dropped from the policy and from every element of its child collections (settings, assignments,
//   scheduled actions, definition values), whose ids Graph assigns; an id inside a referenced object
//   (e.g. `definition.id`) names what is referenced and is content.
// - A property that is null means the same as one that is absent (Graph omits some nulls on some reads).
// - Arrays are sets in Intune's model: they are compared by the identity of their elements, not by position
//   (settings by setting definition, assignments by target, definition values by definition, …).

/** A JSON value after normalization. */
export type NormalizedValue = string | number | boolean | NormalizedValue[] | { [key: string]: NormalizedValue };

const serverManagedKeys = new Set([
  'createdDateTime',
  'lastModifiedDateTime',
  'modifiedDateTime',
  'version',
  'settingCount',
  'isAssigned',
]);

function isServerManagedKey(key: string, inCollectionElement: boolean, depth: number): boolean {
  if (key === 'id') return depth === 0 || inCollectionElement;
  if (key === '@odata.type') return false;
  if (key.startsWith('@odata.') || key.includes('@odata.')) return true;
  if (key.startsWith('#')) return true;
  return serverManagedKeys.has(key);
}

/** The normalized content of a policy payload as read from Graph (children included). */
export function normalizePolicy(payload: Readonly<Record<string, unknown>>): { [key: string]: NormalizedValue } {
  const normalized = normalizeValue(payload, false, 0);
  return typeof normalized === 'object' && normalized !== null && !Array.isArray(normalized) ? normalized : {};
}

function normalizeValue(value: unknown, inCollectionElement: boolean, depth: number): NormalizedValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) return normalizeArray(value, depth);
  if (typeof value === 'object') {
    const result: { [key: string]: NormalizedValue } = {};
    for (const key of Object.keys(value).sort(compareText)) {
      if (isServerManagedKey(key, inCollectionElement, depth)) continue;
      const child = normalizeValue((value as Record<string, unknown>)[key], false, depth + 1);
      if (child !== undefined) result[key] = child;
    }
    return result;
  }
  return undefined;
}

function normalizeArray(values: readonly unknown[], depth: number): NormalizedValue[] {
  const elements = values
    .map((element) => ({ identity: identityOf(element), value: normalizeValue(element, true, depth + 1) }))
    .filter((entry): entry is { identity: string | null; value: NormalizedValue } => entry.value !== undefined)
    .map((entry) => ({ key: entry.identity ?? canonicalJson(entry.value), tie: canonicalJson(entry.value), value: entry.value }));
  elements.sort((a, b) => compareText(a.key, b.key) || compareText(a.tie, b.tie));
  return elements.map((entry) => entry.value);
}

/**
 * The identity of an element of a policy's child collection, or null when it has none of the known ones
 * (it is then identified by its whole content). Drift names changed settings by this, not by array index.
 */
export function identityOf(element: unknown): string | null {
  if (typeof element !== 'object' || element === null || Array.isArray(element)) return null;
  const record = element as Record<string, unknown>;
  const instance = record['settingInstance'];
  if (isRecord(instance) && typeof instance['settingDefinitionId'] === 'string') return `setting:${instance['settingDefinitionId']}`;
  if (typeof record['settingDefinitionId'] === 'string') return `setting:${record['settingDefinitionId']}`;
  const target = record['target'];
  if (isRecord(target)) return `target:${String(target['@odata.type'] ?? '')}:${String(target['groupId'] ?? target['collectionId'] ?? '')}`;
  const definition = record['definition'];
  if (isRecord(definition) && typeof definition['id'] === 'string') return `definition:${definition['id']}`;
  if (typeof record['actionType'] === 'string') return `action:${record['actionType']}`;
  if (typeof record['ruleName'] === 'string' || 'scheduledActionConfigurations' in record) return `rule:${String(record['ruleName'] ?? '')}`;
  return null;
}

/** JSON with object keys in a fixed order, so equal values always give equal text (and equal hashes). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort(compareText);
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Code-unit order, the same on every machine and locale (localeCompare is not).
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
