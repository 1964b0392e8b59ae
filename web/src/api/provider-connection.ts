import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import { queryKeys } from './query-keys';
import type { ProviderConnection, ProviderConnectionInput, StartedRun } from './types';

export function useProviderConnection(tenantId: string) {
  return useQuery({
    queryKey: queryKeys.providerConnection(tenantId),
    queryFn: () =>
      apiRequest<{ connection: ProviderConnection | null }>('GET', `/api/tenants/${tenantId}/provider-connection`).then(
        (r) => r.connection,
      ),
  });
}

export function useSaveProviderConnection(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProviderConnectionInput) =>
      apiRequest<{ connection: ProviderConnection }>('PUT', `/api/tenants/${tenantId}/provider-connection`, {
        body: input,
      }).then((r) => r.connection),
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
    mutationFn: () => apiRequest<StartedRun>('POST', `/api/tenants/${tenantId}/provider-connection/verify`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tenantOperations(tenantId) });
      // The card's "last verification" and the onboarding steps now show the run that just started.
      void queryClient.invalidateQueries({ queryKey: queryKeys.providerConnection(tenantId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tenant(tenantId) });
    },
  });
}
