// Navigation properties as Graph serves them: a policy's assignments, settings, scheduled actions and definition
// values are not part of the entity unless the request expands them ($expand), and each can also be read as its
// own collection ({policy}/assignments, …). The simulator stores them on the entity (as the exported fixtures
// carry them) and shapes every answer here.
import { policyTypes } from '../domain/inventory/policy-types';
import type { SimEntity } from './sim-types';

export const navigationProperties = ['assignments', 'settings', 'scheduledActionsForRule', 'definitionValues'] as const;
export type NavigationProperty = (typeof navigationProperties)[number];

const configurationPolicies = 'deviceManagement/configurationPolicies';
const compliancePolicies = 'deviceManagement/deviceCompliancePolicies';
const groupPolicyConfigurations = 'deviceManagement/groupPolicyConfigurations';

/** Which navigation properties a collection's entities have (what Graph would let a client expand or read). */
export function navigationPropertiesOf(resource: string): NavigationProperty[] {
  const properties: NavigationProperty[] = [];
  if (policyTypes.some((entry) => entry.graph_resource === resource && entry.dependencies)) properties.push('assignments');
  if (resource === configurationPolicies) properties.push('settings');
  if (resource === compliancePolicies) properties.push('scheduledActionsForRule');
  if (resource === groupPolicyConfigurations) properties.push('definitionValues');
  return properties;
}

/** Which of them Graph lets a client `$expand` (definition values are read as their own collection only). */
export function expandableOf(resource: string): NavigationProperty[] {
  return navigationPropertiesOf(resource).filter((property) => property !== 'definitionValues');
}

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

/** The first expanded name the collection does not have, in Graph's words; null when all are valid. */
export function invalidExpand(resource: string, expand: ExpandRequest, entityType = 'microsoft.graph.entity'): string | null {
  const allowed = new Set<string>(expandableOf(resource));
  for (const name of expand.keys()) {
    if (!allowed.has(name)) return `Could not find a property named '${name}' on type '${entityType}'.`;
  }
  return null;
}

/**
 * The entity as Graph answers it: without navigation properties (and their per-property OData annotations or
 * OData action descriptions) except the expanded ones, which are always present (empty when the policy has none).
 */
export function presentEntity(entity: SimEntity, expand: ExpandRequest): Record<string, unknown> {
  const answer: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (key.startsWith('#')) continue;
    const property = key.split('@')[0] as NavigationProperty;
    if ((navigationProperties as readonly string[]).includes(property)) continue;
    answer[key] = value;
  }
  for (const [name, nested] of expand) {
    const children = childrenOf(entity, name as NavigationProperty);
    answer[name] = name === 'scheduledActionsForRule' ? children.map((rule) => presentRule(rule, nested)) : children;
  }
  return structuredClone(answer);
}

/** A navigation property's elements as stored (an absent one is an empty collection). */
export function childrenOf(entity: SimEntity, property: NavigationProperty): Array<Record<string, unknown>> {
  const value = entity[property];
  return Array.isArray(value) ? (value.filter((element) => typeof element === 'object' && element !== null) as Array<Record<string, unknown>>) : [];
}

// A compliance rule carries its action configurations only when the nested $expand asks for them.
function presentRule(rule: Record<string, unknown>, nested: string | null): Record<string, unknown> {
  const withActions = nested !== null && /\$expand=scheduledActionConfigurations/.test(nested);
  const answer: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rule)) {
    if (key.startsWith('scheduledActionConfigurations')) continue;
    answer[key] = value;
  }
  if (withActions) answer['scheduledActionConfigurations'] = Array.isArray(rule['scheduledActionConfigurations']) ? rule['scheduledActionConfigurations'] : [];
  return answer;
}

/** A definition value carries its definition only when `$expand=definition` asks for it. */
export function presentDefinitionValue(value: Record<string, unknown>, expand: ExpandRequest): Record<string, unknown> {
  if (expand.has('definition')) return value;
  const { definition: _definition, ...rest } = value;
  return Object.fromEntries(Object.entries(rest).filter(([key]) => !key.startsWith('definition@')));
}
