import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import type { Finding, FindingDetail, FindingFilters, FindingPage, ManualClosedReason, Portfolio, PortfolioFilters, TenantDashboard } from './drift-types';
import { queryKeys } from './query-keys';
import type { StartedRun } from './types';

// The dashboard, findings and portfolio reads, and the drift actions. Run changes arriving on the tenant's
// event stream invalidate these (live/useTenantEvents.ts); nothing here polls.

export function useTenantDashboard(tenantId: string) {
  return useQuery({
    queryKey: queryKeys.dashboard(tenantId),
    queryFn: () => apiRequest<TenantDashboard>('GET', `/api/tenants/${tenantId}/dashboard`),
  });
}

export function usePortfolio(workspaceId: string, filters: PortfolioFilters) {
  return useQuery({
    queryKey: queryKeys.portfolio(workspaceId, filters),
    queryFn: () => {
      const query = new URLSearchParams({ sort: filters.sort, direction: filters.direction });
      if (filters.lifecycle) query.set('lifecycle', filters.lifecycle);
      if (filters.needs_attention) query.set('needs_attention', 'true');
      if (filters.freshness) query.set('freshness', filters.freshness);
      return apiRequest<Portfolio>('GET', `/api/workspaces/${workspaceId}/portfolio?${query.toString()}`);
    },
    placeholderData: (previous) => previous,
  });
}

const FINDINGS_PAGE_SIZE = 25;

export function useFindings(tenantId: string, filters: FindingFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.findingLists(tenantId, filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(FINDINGS_PAGE_SIZE) });
      for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
      if (pageParam) query.set('cursor', pageParam);
      return apiRequest<FindingPage>('GET', `/api/tenants/${tenantId}/findings?${query.toString()}`);
    },
    getNextPageParam: (lastPage) => lastPage.next_cursor,
  });
}

export function useFinding(findingId: string) {
  return useQuery({
    queryKey: queryKeys.finding(findingId),
    queryFn: () => apiRequest<{ finding: FindingDetail }>('GET', `/api/findings/${findingId}`).then((r) => r.finding),
  });
}

export type TriageInput = { action: 'acknowledge' } | { action: 'reopen' } | { action: 'close'; reason: ManualClosedReason; note: string };

export function useTriageFinding(finding: Pick<Finding, 'id' | 'tenant_id'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TriageInput) =>
      apiRequest<{ finding: FindingDetail }>('POST', `/api/findings/${finding.id}/${input.action}`, {
        body: input.action === 'close' ? { reason: input.reason, ...(input.note.trim() ? { note: input.note } : {}) } : undefined,
      }).then((r) => r.finding),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.finding(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.findings(updated.tenant_id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard(updated.tenant_id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.allPortfolios });
    },
  });
}

/** Starts a drift scan or a baseline capture; the run then arrives on the tenant's event stream. */
export function useStartDriftRun(tenantId: string, kind: 'scan' | 'capture') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<StartedRun>('POST', kind === 'scan' ? `/api/tenants/${tenantId}/drift/scan` : `/api/tenants/${tenantId}/baseline/capture`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard(tenantId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tenantOperations(tenantId) });
    },
  });
}
