import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import type { Coverage, InventoryItemDetail, InventoryKpis, ItemFilters, ItemPage, PolicyTypeInfo, SyncRunPage } from './inventory-types';
import { queryKeys } from './query-keys';
import type { StartedRun } from './types';

// The inventory hub's reads and its one action. Nothing here calls Graph: every answer comes from the database,
// and run events (live/useTenantEvents.ts) invalidate these caches when a sync changes them.

/** The shared header's numbers: one request for all of them (SPEC §3). */
export function useInventoryKpis(tenantId: string) {
  return useQuery({ queryKey: queryKeys.inventoryKpis(tenantId), queryFn: () => apiRequest<InventoryKpis>('GET', `/api/tenants/${tenantId}/inventory/kpis`) });
}

export const ITEMS_PAGE_SIZE = 50;

export function useInventoryItems(tenantId: string, filters: ItemFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.inventoryItems(tenantId, filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(ITEMS_PAGE_SIZE), sort: filters.sort });
      if (filters.q) query.set('q', filters.q);
      if (filters.policy_type) query.set('policy_type', filters.policy_type);
      if (filters.platform) query.set('platform', filters.platform);
      if (filters.not_seen) query.set('not_seen', 'true');
      if (pageParam) query.set('cursor', pageParam);
      return apiRequest<ItemPage>('GET', `/api/tenants/${tenantId}/inventory/items?${query.toString()}`);
    },
    getNextPageParam: (last) => last.next_cursor,
    // Typing in the search keeps the previous rows on screen until the new ones arrive.
    placeholderData: (previous) => previous,
  });
}

export function useInventoryItem(tenantId: string, itemId: string) {
  return useQuery({
    queryKey: queryKeys.inventoryItem(tenantId, itemId),
    queryFn: () => apiRequest<{ item: InventoryItemDetail }>('GET', `/api/tenants/${tenantId}/inventory/items/${encodeURIComponent(itemId)}`).then((r) => r.item),
  });
}

export function useSyncRuns(tenantId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.syncRuns(tenantId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      apiRequest<SyncRunPage>('GET', `/api/tenants/${tenantId}/inventory/sync-runs?limit=25${pageParam ? `&cursor=${pageParam}` : ''}`),
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useCoverage(tenantId: string) {
  return useQuery({ queryKey: queryKeys.coverage(tenantId), queryFn: () => apiRequest<Coverage>('GET', `/api/tenants/${tenantId}/inventory/coverage`) });
}

export function usePolicyTypes() {
  return useQuery({
    queryKey: queryKeys.policyTypes,
    queryFn: () => apiRequest<{ policy_types: PolicyTypeInfo[] }>('GET', '/api/policy-types').then((r) => r.policy_types),
    staleTime: Infinity,
  });
}

export function useStartSync(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policyTypes?: string[]) => apiRequest<StartedRun>('POST', `/api/tenants/${tenantId}/inventory/sync`, { body: policyTypes ? { policy_types: policyTypes } : {} }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tenantOperations(tenantId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.inventoryKpis(tenantId) });
    },
  });
}
