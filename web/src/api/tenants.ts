import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api } from './client';
import { queryKeys } from './query-keys';
import type { Id, LifecycleAction, LifecycleFilterValue, NewTenant, Tenant } from './types';

export const TENANT_PAGE_SIZE = 50;

function tenantList(workspaceId: Id, params: { q?: string; status?: LifecycleFilterValue | null; cursor?: string | null; limit: number }) {
  const query = { limit: params.limit, q: params.q || undefined, status: params.status ?? undefined, cursor: params.cursor ?? undefined };
  return answer(api.GET('/api/workspaces/{workspace_id}/tenants', { params: { path: { workspace_id: workspaceId }, query } }));
}

/** The tenant list, a page at a time, searched and filtered by the server. Changing q or status starts over. */
export function useTenantPages(workspaceId: Id, q: string, status: LifecycleFilterValue | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.tenantPages(workspaceId, q, status),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => tenantList(workspaceId, { q, status, cursor: pageParam, limit: TENANT_PAGE_SIZE }),
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
    queryFn: () => tenantList(workspaceId, { q, limit: 20 }),
    placeholderData: (previous) => previous,
  });
}

export function useTenant(tenantId: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.tenant(tenantId ?? ''),
    queryFn: () => answer(api.GET('/api/tenants/{tenant_id}', { params: { path: { tenant_id: Number(tenantId) } } })).then((r) => r.tenant),
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
      answer(api.POST('/api/workspaces/{workspace_id}/tenants', { params: { path: { workspace_id: workspaceId } }, body: input })).then((r) => r.tenant),
    onSuccess: rememberTenant,
  });
}

export function useLifecycleTransition(tenantId: string) {
  const rememberTenant = useRememberTenant();
  return useMutation({
    mutationFn: (action: LifecycleAction) =>
      answer(api.POST('/api/tenants/{tenant_id}/lifecycle', { params: { path: { tenant_id: Number(tenantId) } }, body: { action } })).then((r) => r.tenant),
    onSuccess: rememberTenant,
  });
}
