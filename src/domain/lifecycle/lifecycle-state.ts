// The four canonical lifecycle states of a tenant (SPEC §1). Anything else stored in tenants.status is
// non-canonical and is presented through the invalid fallback, never guessed.
export const lifecycleStates = ['draft', 'onboarding', 'active', 'archived'] as const;

export type LifecycleState = (typeof lifecycleStates)[number];

// Exact match only: "ACTIVE", " active" and "active " are corrupt data, not spellings of active.
export function isLifecycleState(value: unknown): value is LifecycleState {
  return typeof value === 'string' && (lifecycleStates as readonly string[]).includes(value);
}
