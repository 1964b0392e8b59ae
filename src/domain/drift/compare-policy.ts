// SPEC §7 drift comparison of one policy: its baseline content against its current content, both normalized
// by the one normalization (domain/inventory/normalize-policy.ts). Differences are named by path, and a path
// names an element of a collection by its identity (the setting definition, the assignment target, …), never
// by its position, so a reordered collection has no differences and a changed setting is named the same way
// in every scan (which keeps a finding's fingerprint stable).
import { canonicalJson, compareText, identityOf, type NormalizedValue } from '../inventory';

export type ChangeKind = 'added' | 'removed' | 'changed';
/** What part of the policy a difference is in: its settings, its assignments, or its own properties. */
export type ChangeArea = 'setting' | 'assignment' | 'property';

export interface PolicyChange {
  /** e.g. `settings[device_vendor_msft_policy_config_defender_allowarchivescanning].settingInstance.choiceSettingValue.value`. */
  path: string;
  area: ChangeArea;
  change: ChangeKind;
  /** The value in the baseline; null when the path was added. */
  baseline: NormalizedValue | null;
  /** The value now; null when the path was removed. */
  current: NormalizedValue | null;
}

type NormalizedObject = { [key: string]: NormalizedValue };

/** Every difference between two normalized policies, in path order; empty when they carry the same configuration. */
export function comparePolicies(baseline: NormalizedObject, current: NormalizedObject): PolicyChange[] {
  const changes: PolicyChange[] = [];
  diffValue(baseline, current, '', changes);
  return changes.sort((a, b) => compareText(a.path, b.path));
}

function diffValue(baseline: NormalizedValue, current: NormalizedValue, path: string, changes: PolicyChange[]): void {
  if (canonicalJson(baseline) === canonicalJson(current)) return;
  if (isObject(baseline) && isObject(current)) return diffObject(baseline, current, path, changes);
  if (Array.isArray(baseline) && Array.isArray(current)) return diffArray(baseline, current, path, changes);
  changes.push(change(path, 'changed', baseline, current));
}

function diffObject(baseline: NormalizedObject, current: NormalizedObject, path: string, changes: PolicyChange[]): void {
  const keys = [...new Set([...Object.keys(baseline), ...Object.keys(current)])].sort(compareText);
  for (const key of keys) {
    const childPath = path === '' ? key : `${path}.${key}`;
    const before = baseline[key];
    const after = current[key];
    if (before === undefined && after !== undefined) changes.push(change(childPath, 'added', null, after));
    else if (after === undefined && before !== undefined) changes.push(change(childPath, 'removed', before, null));
    else if (before !== undefined && after !== undefined) diffValue(before, after, childPath, changes);
  }
}

function diffArray(baseline: NormalizedValue[], current: NormalizedValue[], path: string, changes: PolicyChange[]): void {
  const before = keyedElements(baseline);
  const after = keyedElements(current);
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort(compareText);
  for (const key of keys) {
    const childPath = `${path}[${key}]`;
    const a = before.get(key);
    const b = after.get(key);
    if (a === undefined && b !== undefined) changes.push(change(childPath, 'added', null, b));
    else if (b === undefined && a !== undefined) changes.push(change(childPath, 'removed', a, null));
    else if (a !== undefined && b !== undefined) diffValue(a, b, childPath, changes);
  }
}

/**
 * Elements by a key that survives reordering: their identity when they have one; for a group of settings
 * (an element holding `children`), the definitions of its children; otherwise their whole content (a changed
 * element without identity is then one removal and one addition). Repeated keys get `#2`, `#3`, … in the
 * normalized (sorted) order.
 */
function keyedElements(elements: readonly NormalizedValue[]): Map<string, NormalizedValue> {
  const keyed = new Map<string, NormalizedValue>();
  for (const element of elements) {
    const base = matchKeyOf(element);
    let key = base;
    for (let n = 2; keyed.has(key); n += 1) key = `${base}#${n}`;
    keyed.set(key, element);
  }
  return keyed;
}

function matchKeyOf(element: NormalizedValue): string {
  const identity = identityOf(element);
  if (identity !== null) return readableIdentity(identity);
  if (isObject(element) && Array.isArray(element['children'])) {
    const definitions = element['children'].map((child) => (identityOf(child) ?? '').replace(/^setting:/, '')).filter(Boolean);
    if (definitions.length > 0) return `group:${definitions.sort(compareText).join('+')}`;
  }
  const content = canonicalJson(element);
  return content.length <= 80 ? content : `${content.slice(0, 77)}…`;
}

/** `setting:x` → `x`; `target:#microsoft.graph.groupAssignmentTarget:g` → `groupAssignmentTarget:g`. */
function readableIdentity(identity: string): string {
  if (identity.startsWith('target:')) return identity.slice('target:'.length).replace(/^#microsoft\.graph\./, '').replace(/:$/, '');
  return identity.replace(/^(setting|definition|action|rule):/, '');
}

function change(path: string, kind: ChangeKind, baseline: NormalizedValue | null, current: NormalizedValue | null): PolicyChange {
  return { path, area: areaOf(path), change: kind, baseline, current };
}

function areaOf(path: string): ChangeArea {
  const top = path.split(/[.[]/, 1)[0];
  if (top === 'assignments') return 'assignment';
  if (top === 'settings' || top === 'definitionValues' || top === 'scheduledActionsForRule') return 'setting';
  return 'property';
}

function isObject(value: NormalizedValue | undefined): value is NormalizedObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
