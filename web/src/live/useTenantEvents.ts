import { useEffect } from 'react';
import { useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys';
import type { Run, RunView, RunsPage } from '../api/types';

/**
 * While a page shows a tenant, its run changes arrive over server-sent events and are written into the
 * caches the pages read. This replaces polling entirely: nothing in the app refetches on a timer.
 */
export function useTenantEvents(tenantId: string | null | undefined): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!tenantId) return;
    const source = new EventSource(`/api/tenants/${tenantId}/events`, { withCredentials: true });
    let hasConnected = false;

    source.addEventListener('run', (event: MessageEvent<string>) => {
      const run = parseRun(event.data);
      if (run) applyRunChange(queryClient, tenantId, run);
    });
    source.addEventListener('open', () => {
      // After a reconnect, changes made while the stream was down were missed: read them once.
      if (hasConnected) void queryClient.invalidateQueries({ queryKey: queryKeys.tenantOperations(tenantId) });
      hasConnected = true;
    });

    return () => source.close();
  }, [tenantId, queryClient]);
}

function parseRun(data: string): Run | null {
  try {
    const message = JSON.parse(data) as { run?: Run };
    return message.run ?? null;
  } catch {
    return null;
  }
}

export function applyRunChange(queryClient: QueryClient, tenantId: string, run: Run): void {
  // The run viewer and any visible row show the new state at once...
  queryClient.setQueryData<RunView>(queryKeys.run(run.id), (view) => (view ? { ...view, run } : view));
  queryClient.setQueriesData<InfiniteData<RunsPage>>({ queryKey: queryKeys.runsLists(tenantId) }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            runs: page.runs.map((row) => (row.id === run.id ? run : row)),
          })),
        }
      : data,
  );
  // ...while tab counts, KPIs and tab membership are the server's to compute.
  void queryClient.invalidateQueries({ queryKey: queryKeys.tenantOperations(tenantId) });
  if (run.status === 'completed') {
    // A finished verification may have changed the tenant's app or RBAC status.
    void queryClient.invalidateQueries({ queryKey: queryKeys.tenant(tenantId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.allTenantLists });
  }
}
