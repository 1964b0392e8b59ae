import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import { queryKeys } from './query-keys';
import type { Id, LifecycleAction, LifecycleFilterValue, NewTenant, Tenant, TenantPage } from './types';

export const TENANT_PAGE_SIZE = 50;

function tenantListUrl(workspaceId: Id, params: { q?: string; status?: string | null; cursor?: string | null; limit: number }) {
  const query = new URLSearchParams({ limit: String(params.limit) });
  if (params.q) query.set('q', params.q);
  if (params.status) query.set('status', params.status);
  if (params.cursor) query.set('cursor', params.cursor);
  return `/api/workspaces/${workspaceId}/tenants?${query.toString()}`;
}

/** The tenant list, a page at a time, searched and filtered by the server. Changing q or status starts over. */
export function useTenantPages(workspaceId: Id, q: string, status: LifecycleFilterValue | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.tenantPages(workspaceId, q, status),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => apiRequest<TenantPage>('GET', tenantListUrl(workspaceId, { q, status, cursor: pageParam, limit: TENANT_PAGE_SIZE })),
    getNextPageParam: (lastPage) => lastPage.next_cursor,
    // While a new search or filter loads, the previous answer stays (the page shows it is loading) instead of
    // the list and its counts flashing empty on every keystroke.
    placeholderData: (previous) => previous,
  });
}

/** The first tenants matching a search, for the header's tenant selector. */
export function useTenantSearch(workspaceId: Id, q: string) {
  return useQuery({
    queryKey: queryKeys.tenantSearch(workspaceId, q),
    queryFn: () => apiRequest<TenantPage>('GET', tenantListUrl(workspaceId, { q, limit: 20 })),
    placeholderData: (previous) => previous,
  });
}

export function useTenant(tenantId: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.tenant(tenantId ?? ''),
    queryFn: () => apiRequest<{ tenant: Tenant }>('GET', `/api/tenants/${tenantId}`).then((r) => r.tenant),
    enabled: Boolean(tenantId),
  });
}

/** Puts a tenant the server just returned into every cache that shows it. */
function useRememberTenant() {
  const queryClient = useQueryClient();
  return (tenant: Tenant) => {
    queryClient.setQueryData(queryKeys.tenant(tenant.id), tenant);
    void queryClient.invalidateQueries({ queryKey: queryKeys.tenants(tenant.workspace_id) });
    // Needs attention and drift freshness depend on the lifecycle (only an active tenant is asked to scan): a
    // just-onboarded tenant's dashboard and portfolio row are read again, never left saying the old state.
    void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard(tenant.id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.allPortfolios });
  };
}

export function useCreateTenant(workspaceId: Id) {
  const rememberTenant = useRememberTenant();
  return useMutation({
    mutationFn: (input: NewTenant) =>
      apiRequest<{ tenant: Tenant }>('POST', `/api/workspaces/${workspaceId}/tenants`, { body: input }).then(
        (r) => r.tenant,
      ),
    onSuccess: rememberTenant,
  });
}

export function useLifecycleTransition(tenantId: string) {
  const rememberTenant = useRememberTenant();
  return useMutation({
    mutationFn: (action: LifecycleAction) =>
      apiRequest<{ tenant: Tenant }>('POST', `/api/tenants/${tenantId}/lifecycle`, { body: { action } }).then(
        (r) => r.tenant,
      ),
    onSuccess: rememberTenant,
  });
}
