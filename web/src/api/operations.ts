import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api } from './client';
import { queryKeys } from './query-keys';
import type { RunView, RunsTab } from './types';

export function useOperationKpis(tenantId: string) {
  return useQuery({
    queryKey: queryKeys.operationKpis(tenantId),
    queryFn: () => answer(api.GET('/api/tenants/{tenant_id}/operations/kpis', { params: { path: { tenant_id: Number(tenantId) } } })),
  });
}

export function useOperationTypes() {
  return useQuery({
    queryKey: queryKeys.operationTypes,
    queryFn: () => answer(api.GET('/api/operation-types')).then((r) => r.types),
    staleTime: Infinity,
  });
}

const RUNS_PAGE_SIZE = 25;

/** Keyset pagination: each page hands back the cursor of the next, so "Load more" never skips or repeats. */
export function useRuns(tenantId: string, tab: RunsTab, type: string | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.runs(tenantId, tab, type),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      answer(
        api.GET('/api/tenants/{tenant_id}/operations', {
          params: { path: { tenant_id: Number(tenantId) }, query: { tab, limit: RUNS_PAGE_SIZE, type: type || undefined, cursor: pageParam ?? undefined } },
        }),
      ),
    getNextPageParam: (lastPage) => lastPage.next_cursor,
    // Switching tabs keeps the previous answer as a placeholder: its tab counts (the same for every tab of one
    // type filter) stay on screen instead of flashing to 0 while the new tab loads. The page shows a loader for
    // the list itself (`isPlaceholderData`). A different tenant or type filter starts empty.
    placeholderData: (previous, previousQuery) => {
      const previousKey = previousQuery?.queryKey[3] as { type: string | null } | undefined;
      return previousQuery?.queryKey[1] === tenantId && previousKey?.type === type ? previous : undefined;
    },
  });
}

export function useRunView(runId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.run(runId),
    queryFn: () => answer(api.GET('/api/operations/{run_id}', { params: { path: { run_id: Number(runId) } } })),
    enabled: options.enabled ?? true,
  });
}

export function useCancelRun(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => answer(api.POST('/api/operations/{run_id}/cancel', { params: { path: { run_id: Number(runId) } } })).then((r) => r.run),
    onSuccess: (run) => {
      queryClient.setQueryData<RunView>(queryKeys.run(run.id), (view) => (view ? { ...view, run } : view));
      if (run.tenant_id) void queryClient.invalidateQueries({ queryKey: queryKeys.tenantOperations(run.tenant_id) });
    },
  });
}
