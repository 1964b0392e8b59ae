import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import { queryKeys } from './query-keys';
import type { Id, LifecycleAction, NewTenant, Tenant } from './types';

export function useTenants(workspaceId: Id | undefined) {
  return useQuery({
    queryKey: queryKeys.tenants(workspaceId ?? ''),
    queryFn: () =>
      apiRequest<{ tenants: Tenant[] }>('GET', `/api/workspaces/${workspaceId}/tenants`).then((r) => r.tenants),
    enabled: workspaceId !== undefined,
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
