import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api } from './client';
import { queryKeys } from './query-keys';
import type { ProviderConnectionInput } from './types';

const tenantPath = (tenantId: string) => ({ path: { tenant_id: Number(tenantId) } });

export function useProviderConnection(tenantId: string) {
  return useQuery({
    queryKey: queryKeys.providerConnection(tenantId),
    queryFn: () =>
      answer(api.GET('/api/tenants/{tenant_id}/provider-connection', { params: tenantPath(tenantId) })).then((r) => r.connection),
  });
}

export function useSaveProviderConnection(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProviderConnectionInput) =>
      answer(api.PUT('/api/tenants/{tenant_id}/provider-connection', { params: tenantPath(tenantId), body: input })).then((r) => r.connection),
    onSuccess: (connection) => {
      queryClient.setQueryData(queryKeys.providerConnection(tenantId), connection);
      // A new save resets the onboarding steps (an earlier verification no longer counts).
      void queryClient.invalidateQueries({ queryKey: queryKeys.tenant(tenantId) });
    },
  });
}

export function useVerifyProviderConnection(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => answer(api.POST('/api/tenants/{tenant_id}/provider-connection/verify', { params: tenantPath(tenantId) })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tenantOperations(tenantId) });
      // The card's "last verification" and the onboarding steps now show the run that just started.
      void queryClient.invalidateQueries({ queryKey: queryKeys.providerConnection(tenantId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tenant(tenantId) });
    },
  });
}
