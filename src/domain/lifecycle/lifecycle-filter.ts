import { isLifecycleState, lifecycleStates, type LifecycleState } from './lifecycle-state';

// The tenant list's lifecycle filter (SPEC §4 `status`): the four states, plus `invalid` for every stored
// value that is not one of them (the invalid fallback of §2). `status_counts` has one key per filter value.
export const INVALID_LIFECYCLE_FILTER = 'invalid';
export const lifecycleFilterValues = [...lifecycleStates, INVALID_LIFECYCLE_FILTER] as const;
export type LifecycleFilterValue = LifecycleState | typeof INVALID_LIFECYCLE_FILTER;

/** The filter value a stored status falls under: itself when canonical, `invalid` otherwise. */
export function lifecycleFilterValueOf(status: unknown): LifecycleFilterValue {
  return isLifecycleState(status) ? status : INVALID_LIFECYCLE_FILTER;
}
