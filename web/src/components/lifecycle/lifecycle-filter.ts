import { tenantListQuery } from '../../api/input-schemas';
import type { LifecycleCatalog, LifecycleFilterValue, TenantPage } from '../../api/types';

// The tenant list filters by lifecycle on the server (SPEC §4 `status`). Its options are the server's four
// states plus one for data that is not a lifecycle state at all; the option labels come from the
// presentation (the catalog), never from page code, and the counts from the list's `status_counts`.

export const INVALID_LIFECYCLE_FILTER = 'invalid';
export const ALL_LIFECYCLES_FILTER = 'all';

export interface LifecycleFilterOption {
  value: LifecycleFilterValue;
  label: string;
  count: number;
}

export function lifecycleFilterOptions(catalog: LifecycleCatalog | undefined, counts: TenantPage['status_counts'] | undefined): LifecycleFilterOption[] {
  if (!catalog) return [];
  const countOf = (value: LifecycleFilterValue) => counts?.[value] ?? 0;
  return [
    ...catalog.states.map((state) => ({ value: state.value as LifecycleFilterValue, label: state.label, count: countOf(state.value as LifecycleFilterValue) })),
    { value: INVALID_LIFECYCLE_FILTER, label: catalog.invalid_fallback.label, count: countOf(INVALID_LIFECYCLE_FILTER) },
  ];
}

/** The URL's filter value, if the server's own query schema accepts it as `status`; anything else means "all". */
export function asLifecycleFilter(value: string | null): LifecycleFilterValue | null {
  const parsed = tenantListQuery.shape.status.safeParse(value ?? undefined);
  return parsed.success ? (parsed.data ?? null) : null;
}
