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
// - Each registry type's volatile fields (values the service changes by itself: counters, runtime state, values
//   derived from other objects) are ignored, so a re-read that differs only there is not a change (SPEC §7).
// - Catalog metadata Graph expands next to a policy's content is not the policy's content: the setting definitions
//   of a settings-catalog setting (`settingDefinitions`), and the definition and presentation objects of an
//   administrative template value, which are reduced to their id (Microsoft edits their texts, not the tenant).
import { findPolicyType } from './policy-types';

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

// Catalog objects reduced to the id that names what is referenced.
const referenceOnlyKeys = new Set(['definition', 'presentation']);
const catalogMetadataKeys = new Set(['settingDefinitions']);

// A driver update profile's inventory lists every driver Windows Update offers; new ones arrive by themselves as
// 'needsReview'. Only the administrator's decisions (approved, declined, suspended) are configuration.
const selfArrivingElements: Record<string, (element: Record<string, unknown>) => boolean> = {
  driverInventories: (element) => element['approvalStatus'] === 'needsReview',
};

interface VolatileFields {
  top: ReadonlySet<string>;
  /** child collection property → properties of its elements */
  children: ReadonlyMap<string, ReadonlySet<string>>;
}

const noVolatileFields: VolatileFields = { top: new Set(), children: new Map() };
const volatileByType = new Map<string, VolatileFields>();

function volatileFieldsOf(policyType: string | undefined): VolatileFields {
  if (policyType === undefined) return noVolatileFields;
  const cached = volatileByType.get(policyType);
  if (cached) return cached;
  const top = new Set<string>();
  const children = new Map<string, Set<string>>();
  for (const field of findPolicyType(policyType)?.volatile_fields ?? []) {
    const [head, ...rest] = field.split('.');
    if (!head) continue;
    if (rest.length === 0) top.add(head);
    else children.set(head, (children.get(head) ?? new Set()).add(rest.join('.')));
  }
  const fields = { top, children };
  volatileByType.set(policyType, fields);
  return fields;
}

/**
 * The normalized content of a policy payload as read from Graph (children included). `policyType` names the
 * registry type whose volatile fields are ignored; without it only the rules common to every type apply.
 * Normalizing an already normalized payload gives it back unchanged, so stored baselines can be re-normalized.
 */
export function normalizePolicy(payload: Readonly<Record<string, unknown>>, policyType?: string): { [key: string]: NormalizedValue } {
  const volatile = volatileFieldsOf(policyType);
  const result: { [key: string]: NormalizedValue } = {};
  for (const key of Object.keys(payload).sort(compareText)) {
    if (isServerManagedKey(key, false, 0) || volatile.top.has(key)) continue;
    const value = payload[key];
    const ignoredInElements = volatile.children.get(key);
    const child =
      Array.isArray(value) && (ignoredInElements || selfArrivingElements[key])
        ? normalizeArray(childElements(value, key, ignoredInElements), 1)
        : normalizeValue(value, false, 1);
    if (child !== undefined) result[key] = child;
  }
  return result;
}

function childElements(values: readonly unknown[], property: string, ignored: ReadonlySet<string> | undefined): unknown[] {
  const selfArriving = selfArrivingElements[property];
  return values
    .filter((element) => !(selfArriving && isRecord(element) && selfArriving(element)))
    .map((element) => (isRecord(element) && ignored ? Object.fromEntries(Object.entries(element).filter(([key]) => !ignored.has(key))) : element));
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
      if (inCollectionElement && catalogMetadataKeys.has(key)) continue;
      const raw = (value as Record<string, unknown>)[key];
      const child = referenceOnlyKeys.has(key) && isRecord(raw) ? referenceOf(raw) : normalizeValue(raw, false, depth + 1);
      if (child !== undefined) result[key] = child;
    }
    return result;
  }
  return undefined;
}

function referenceOf(object: Record<string, unknown>): NormalizedValue | undefined {
  return typeof object['id'] === 'string' ? { id: object['id'] } : normalizeValue(object, false, 2);
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
  // Intents' settings (deviceManagementSettingInstance) name their definition in `definitionId`.
  if (typeof record['definitionId'] === 'string') return `setting:${record['definitionId']}`;
  const definition = record['definition'];
  if (isRecord(definition) && typeof definition['id'] === 'string') return `definition:${definition['id']}`;
  const presentation = record['presentation'];
  if (isRecord(presentation) && typeof presentation['id'] === 'string') return `presentation:${presentation['id']}`;
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
