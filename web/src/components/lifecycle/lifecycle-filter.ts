import type { LifecyclePresentation, Tenant } from '../../api/types';

// The tenant list filters by lifecycle. Its options are the server's four states plus one for data that is
// not a lifecycle state at all; the option labels come from the presentation, never from page code.

export const INVALID_LIFECYCLE_FILTER = 'invalid';
export const ALL_LIFECYCLES_FILTER = 'all';

/** The filter value a tenant belongs to: its canonical value, or "invalid" for the fallback. */
export function lifecycleFilterValue(presentation: LifecyclePresentation): string {
  return presentation.is_invalid_fallback ? INVALID_LIFECYCLE_FILTER : (presentation.value ?? INVALID_LIFECYCLE_FILTER);
}

export interface LifecycleFilterOption {
  value: string;
  label: string;
  count: number;
}

export function lifecycleFilterOptions(states: LifecyclePresentation[], tenants: Tenant[]): LifecycleFilterOption[] {
  const countOf = (value: string) => tenants.filter((t) => lifecycleFilterValue(t.lifecycle) === value).length;
  const invalidExample = tenants.find((t) => t.lifecycle.is_invalid_fallback)?.lifecycle;
  return [
    ...states.map((state) => ({ value: state.value ?? '', label: state.label, count: countOf(state.value ?? '') })),
    {
      value: INVALID_LIFECYCLE_FILTER,
      // The fallback's own label when such a tenant is loaded; the option stays available (with 0) otherwise.
      label: invalidExample?.label ?? 'Invalid',
      count: countOf(INVALID_LIFECYCLE_FILTER),
    },
  ];
}

export function matchesLifecycleFilter(tenant: Tenant, filter: string): boolean {
  return filter === ALL_LIFECYCLES_FILTER || lifecycleFilterValue(tenant.lifecycle) === filter;
}
