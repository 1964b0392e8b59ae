import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api } from './client';
import { oneOf } from './enums';
import { itemPlatforms, type ItemFilters, type PolicyTypeName } from './inventory-types';
import { queryKeys } from './query-keys';

const tenantPath = (tenantId: string) => ({ path: { tenant_id: Number(tenantId) } });

// The inventory hub's reads and its one action. Nothing here calls Graph: every answer comes from the database,
// and run events (live/useTenantEvents.ts) invalidate these caches when a sync changes them.

/** The shared header's numbers: one request for all of them (SPEC §3). */
export function useInventoryKpis(tenantId: string) {
  return useQuery({ queryKey: queryKeys.inventoryKpis(tenantId), queryFn: () => answer(api.GET('/api/tenants/{tenant_id}/inventory/kpis', { params: tenantPath(tenantId) })) });
}

export const ITEMS_PAGE_SIZE = 50;

export function useInventoryItems(tenantId: string, filters: ItemFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.inventoryItems(tenantId, filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = {
        limit: ITEMS_PAGE_SIZE,
        sort: filters.sort,
        q: filters.q || undefined,
        // A type name from the URL is sent as it is: the server's registry decides (400 naming policy_type).
        policy_type: (filters.policy_type || undefined) as PolicyTypeName | undefined,
        platform: oneOf(itemPlatforms, filters.platform) ?? undefined,
        not_seen: filters.not_seen ? ('true' as const) : undefined,
        cursor: pageParam ?? undefined,
      };
      return answer(api.GET('/api/tenants/{tenant_id}/inventory/items', { params: { ...tenantPath(tenantId), query } }));
    },
    getNextPageParam: (last) => last.next_cursor,
    // Typing in the search keeps the previous rows on screen until the new ones arrive.
    placeholderData: (previous) => previous,
  });
}

export function useInventoryItem(tenantId: string, itemId: string) {
  return useQuery({
    queryKey: queryKeys.inventoryItem(tenantId, itemId),
    queryFn: () => answer(api.GET('/api/tenants/{tenant_id}/inventory/items/{item_id}', { params: { path: { tenant_id: Number(tenantId), item_id: itemId } } })).then((r) => r.item),
  });
}

export function useSyncRuns(tenantId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.syncRuns(tenantId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      answer(api.GET('/api/tenants/{tenant_id}/inventory/sync-runs', { params: { ...tenantPath(tenantId), query: { limit: 25, cursor: pageParam ?? undefined } } })),
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useCoverage(tenantId: string) {
  return useQuery({ queryKey: queryKeys.coverage(tenantId), queryFn: () => answer(api.GET('/api/tenants/{tenant_id}/inventory/coverage', { params: tenantPath(tenantId) })) });
}

export function usePolicyTypes() {
  return useQuery({
    queryKey: queryKeys.policyTypes,
    queryFn: () => answer(api.GET('/api/policy-types')).then((r) => r.policy_types),
    staleTime: Infinity,
  });
}

export function useStartSync(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policyTypes?: string[]) => answer(api.POST('/api/tenants/{tenant_id}/inventory/sync', { params: tenantPath(tenantId), body: policyTypes ? { policy_types: policyTypes } : {} })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tenantOperations(tenantId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.inventoryKpis(tenantId) });
    },
  });
}
