import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api } from './client';
import type { Finding, FindingFilters, ManualClosedReason, PortfolioFilters } from './drift-types';
import { queryKeys } from './query-keys';

// The dashboard, findings and portfolio reads, and the drift actions. Run changes arriving on the tenant's
// event stream invalidate these (live/useTenantEvents.ts); nothing here polls.

export function useTenantDashboard(tenantId: string) {
  return useQuery({
    queryKey: queryKeys.dashboard(tenantId),
    queryFn: () => answer(api.GET('/api/tenants/{tenant_id}/dashboard', { params: { path: { tenant_id: Number(tenantId) } } })),
  });
}

const PORTFOLIO_PAGE_SIZE = 50;

/** The portfolio in pages of 50 tenants (issue 20): the next page follows the previous page's next_cursor. */
export function usePortfolio(workspaceId: string, filters: PortfolioFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.portfolio(workspaceId, filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = {
        sort: filters.sort,
        direction: filters.direction,
        lifecycle: filters.lifecycle ?? undefined,
        needs_attention: filters.needs_attention ? ('true' as const) : undefined,
        freshness: filters.freshness ?? undefined,
        limit: PORTFOLIO_PAGE_SIZE,
        cursor: pageParam ?? undefined,
      };
      return answer(api.GET('/api/workspaces/{workspace_id}/portfolio', { params: { path: { workspace_id: Number(workspaceId) }, query } }));
    },
    getNextPageParam: (lastPage) => lastPage.next_cursor,
    placeholderData: (previous) => previous,
  });
}

const FINDINGS_PAGE_SIZE = 25;

export function useFindings(tenantId: string, filters: FindingFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.findingLists(tenantId, filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = {
        limit: FINDINGS_PAGE_SIZE,
        status: filters.status ?? undefined,
        severity: filters.severity ?? undefined,
        kind: filters.kind ?? undefined,
        policy_type: filters.policy_type || undefined,
        cursor: pageParam ?? undefined,
      };
      return answer(api.GET('/api/tenants/{tenant_id}/findings', { params: { path: { tenant_id: Number(tenantId) }, query } }));
    },
    getNextPageParam: (lastPage) => lastPage.next_cursor,
  });
}

export function useFinding(findingId: string) {
  return useQuery({
    queryKey: queryKeys.finding(findingId),
    queryFn: () => answer(api.GET('/api/findings/{finding_id}', { params: { path: { finding_id: Number(findingId) } } })).then((r) => r.finding),
  });
}

export type TriageInput = { action: 'acknowledge' } | { action: 'reopen' } | { action: 'close'; reason: ManualClosedReason; note: string };

export function useTriageFinding(finding: Pick<Finding, 'id' | 'tenant_id'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TriageInput) => {
      const params = { path: { finding_id: finding.id } };
      const pending =
        input.action === 'close'
          ? api.POST('/api/findings/{finding_id}/close', { params, body: { reason: input.reason, ...(input.note.trim() ? { note: input.note } : {}) } })
          : api.POST(input.action === 'acknowledge' ? '/api/findings/{finding_id}/acknowledge' : '/api/findings/{finding_id}/reopen', { params });
      return answer(pending).then((r) => r.finding);
    },
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
    mutationFn: () =>
      answer(api.POST(kind === 'scan' ? '/api/tenants/{tenant_id}/drift/scan' : '/api/tenants/{tenant_id}/baseline/capture', { params: { path: { tenant_id: Number(tenantId) } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard(tenantId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tenantOperations(tenantId) });
    },
  });
}
