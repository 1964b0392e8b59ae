// Navigation properties as Graph serves them: a policy's assignments, settings, scheduled actions, definition values,
// apps, driver inventories, … are not part of the entity unless the request expands them ($expand), and each can also
// be read as its own collection ({policy}/assignments, …). Which ones an entity has comes from graph-sim's own catalog
// (graph-catalog.ts, from Graph's metadata). The simulator stores them on the entity (as the exported fixtures carry
// them) and shapes every answer here.
import { allNavigationNames, navigationOf, type EntitySetSpec } from './graph-catalog';
import { definitionsOfSetting } from './setting-definitions';
import type { SimEntity, SimTenant } from './sim-types';

/** `$expand` as name → nested options (e.g. `scheduledActionsForRule($expand=scheduledActionConfigurations)`). */
export type ExpandRequest = Map<string, string | null>;

export function parseExpand(value: string | null): ExpandRequest | string {
  const expand: ExpandRequest = new Map();
  if (value === null || value.trim() === '') return expand;
  let depth = 0;
  let current = '';
  const parts: string[] = [];
  for (const character of value) {
    if (character === '(') depth += 1;
    if (character === ')') depth -= 1;
    if (depth < 0) return "Invalid '$expand': unbalanced parentheses.";
    if (character === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += character;
  }
  if (depth !== 0) return "Invalid '$expand': unbalanced parentheses.";
  parts.push(current);
  for (const part of parts) {
    const match = /^\s*([A-Za-z]+)\s*(?:\((.*)\))?\s*$/.exec(part);
    if (!match?.[1]) return `Invalid '$expand' item '${part}'.`;
    expand.set(match[1], match[2] ?? null);
  }
  return expand;
}

/** The nested `$expand` of an expand item's options, e.g. 'presentation' of `presentationValues($expand=presentation)`. */
export function nestedExpand(options: string | null | undefined): ExpandRequest {
  const match = options ? /\$expand=([^;]*)/.exec(options) : null;
  const parsed = parseExpand(match?.[1] ?? null);
  return typeof parsed === 'string' ? new Map() : parsed;
}

/**
 * The first expanded name the set's declared type does not have, in Graph's words ("Could not find a property named
 * 'assignments' on type 'microsoft.graph.managedAppPolicy'."); null when all are valid. OData checks `$expand`
 * against the entity set's declared type, not against the derived types of the entities in it.
 */
export function invalidExpand(set: EntitySetSpec, expand: ExpandRequest): string | null {
  const allowed = new Set(set.expandable);
  for (const name of expand.keys()) {
    if (!allowed.has(name)) return `Could not find a property named '${name}' on type 'microsoft.graph.${set.entityType}'.`;
  }
  return null;
}

/** `$select` as a set of names, or null when absent. */
export function parseSelect(value: string | null): Set<string> | null {
  if (value === null || value.trim() === '') return null;
  return new Set(value.split(',').map((name) => name.trim()).filter(Boolean));
}

/** Keeps only the selected properties (and the type annotation, which Graph adds for derived types). */
export function applySelect(answer: Record<string, unknown>, select: Set<string> | null): Record<string, unknown> {
  if (!select) return answer;
  return Object.fromEntries(Object.entries(answer).filter(([key]) => select.has(key) || key === '@odata.type'));
}

export interface PresentOptions {
  /** A list answer: lazy properties are left out. */
  list: boolean;
  tenant: SimTenant;
}

/**
 * The entity as Graph answers it: without navigation properties (and their per-property OData annotations or OData
 * action descriptions) except the expanded ones, which are always present (empty when the policy has none); without
 * lazy properties in list answers.
 */
export function presentEntity(set: EntitySetSpec, entity: SimEntity, expand: ExpandRequest, options: PresentOptions): Record<string, unknown> {
  const navigation = allNavigationNames(set);
  const own = navigationOf(set, entity);
  const answer: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (key.startsWith('#')) continue;
    const property = key.split('@')[0] ?? key;
    if (navigation.has(property) || own[property] !== undefined) continue;
    if (options.list && set.lazy.includes(key)) continue;
    answer[key] = value;
  }
  for (const [name, nested] of expand) {
    const kind = own[name];
    // An entity of a derived type without this navigation property (possible only in a view) gets nothing.
    if (kind === undefined) continue;
    if (kind === 'single') {
      answer[name] = entity[name] ?? null;
      continue;
    }
    answer[name] = childrenOf(entity, name).map((element) => presentChild(name, element, nestedExpand(nested), options.tenant));
  }
  return structuredClone(answer);
}

/** A navigation property's elements as stored (an absent one is an empty collection). */
export function childrenOf(entity: Record<string, unknown>, property: string): Array<Record<string, unknown>> {
  const value = entity[property];
  return Array.isArray(value) ? (value.filter((element) => typeof element === 'object' && element !== null) as Array<Record<string, unknown>>) : [];
}

// Links a full-metadata export carries on every element and its navigation properties; Graph's default (minimal
// metadata) JSON has none of them, only @odata.type.
const elementAnnotation = /^@odata\.(id|editLink|context)$|@odata\.(associationLink|navigationLink|context)$/;

/**
 * One element of a child collection as Graph answers it, by the child's type:
 * - settings (deviceManagementConfigurationSetting): `settingDefinitions` only with `$expand=settingDefinitions`;
 * - scheduledActionsForRule: `scheduledActionConfigurations` only with `$expand=scheduledActionConfigurations`;
 * - definitionValues (groupPolicyDefinitionValue): `definition` / `presentationValues` only when expanded;
 * - presentationValues (groupPolicyPresentationValue): `presentation` only with `$expand=presentation`;
 * - apps, assignments, driverInventories, intent settings: as stored, without per-element OData links.
 */
export function presentChild(child: string, element: Record<string, unknown>, expand: ExpandRequest, tenant: SimTenant): Record<string, unknown> {
  const answer: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(element)) {
    if (elementAnnotation.test(key) || key.startsWith('#')) continue;
    answer[key] = value;
  }
  switch (child) {
    case 'settings':
      delete answer['settingDefinitions'];
      if (expand.has('settingDefinitions') && 'settingInstance' in element) answer['settingDefinitions'] = definitionsOfSetting(tenant, element);
      break;
    case 'scheduledActionsForRule':
      for (const key of Object.keys(answer)) if (key.startsWith('scheduledActionConfigurations')) delete answer[key];
      if (expand.has('scheduledActionConfigurations')) answer['scheduledActionConfigurations'] = childrenOf(element, 'scheduledActionConfigurations');
      break;
    case 'definitionValues':
      for (const key of Object.keys(answer)) if (key.startsWith('definition') && key !== 'definition') delete answer[key];
      for (const key of Object.keys(answer)) if (key.startsWith('presentationValues')) delete answer[key];
      if (!expand.has('definition')) delete answer['definition'];
      if (expand.has('presentationValues')) {
        answer['presentationValues'] = childrenOf(element, 'presentationValues').map((value) =>
          presentChild('presentationValues', value, nestedExpand(expand.get('presentationValues')), tenant));
      }
      break;
    case 'presentationValues':
      delete answer['definitionValue'];
      for (const key of Object.keys(answer)) if (key.startsWith('presentation@')) delete answer[key];
      if (!expand.has('presentation')) delete answer['presentation'];
      break;
    default:
      break;
  }
  return structuredClone(answer);
}
