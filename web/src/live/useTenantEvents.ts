import { useEffect } from 'react';
import { useQueryClient, type InfiniteData, type Query, type QueryClient } from '@tanstack/react-query';
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
    // The server's change feed may have missed changes (its database listener reconnected): read them once.
    source.addEventListener('resync', () => resyncTenantRuns(queryClient, tenantId));
    source.addEventListener('open', () => {
      // The browser reconnected after an error: changes made while the stream was down were missed too.
      if (hasConnected) resyncTenantRuns(queryClient, tenantId);
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
  invalidateRunDerived(queryClient, tenantId, run.status === 'completed');
}

/**
 * Changes of the tenant's runs may have been missed: everything a run change touches is read again — the
 * run viewers of the tenant's runs, and what `applyRunChange` invalidates for a completed run.
 */
export function resyncTenantRuns(queryClient: QueryClient, tenantId: string): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.allRuns, predicate: (query) => isRunOfTenant(query, tenantId) });
  invalidateRunDerived(queryClient, tenantId, true);
}

function invalidateRunDerived(queryClient: QueryClient, tenantId: string, runCompleted: boolean): void {
  // Tab counts, KPIs and the runs lists all live under the tenant's operations key; the inventory header counts
  // active runs too.
  void queryClient.invalidateQueries({ queryKey: queryKeys.tenantOperations(tenantId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.inventoryKpis(tenantId) });
  // The dashboard shows active runs and the newest runs; the portfolio active runs and last sync and scan.
  void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard(tenantId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.allPortfolios });
  // Starting and cancelling runs are in the trail too (the tenant's activity card).
  void queryClient.invalidateQueries({ queryKey: queryKeys.allAudit });
  if (runCompleted) {
    // A finished scan added, resolved or reopened findings.
    void queryClient.invalidateQueries({ queryKey: queryKeys.findings(tenantId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.allFindings });
    // A finished sync changed items, coverage and the sync history.
    void queryClient.invalidateQueries({ queryKey: queryKeys.inventory(tenantId) });
    // A finished verification may have changed the tenant's app or RBAC status, its onboarding steps and the
    // provider card's last verification.
    void queryClient.invalidateQueries({ queryKey: queryKeys.tenant(tenantId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.providerConnection(tenantId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.allTenantLists });
  }
}

function isRunOfTenant(query: Query, tenantId: string): boolean {
  const view = query.state.data as RunView | undefined;
  // A viewer still loading (or failed) has no tenant to compare; reading it again is always right.
  return view?.run === undefined || String(view.run.tenant_id) === tenantId;
}
