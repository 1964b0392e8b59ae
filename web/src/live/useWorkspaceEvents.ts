import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys';
import type { Run } from '../api/types';
import { applyRunChange, resyncTenantRuns } from './useTenantEvents';

/**
 * While the portfolio shows a workspace, the runs of all its tenants arrive on one server-sent-events stream
 * (GET /api/workspaces/:id/events) and go through the same cache updates as a tenant's own stream: the portfolio,
 * dashboards and run lists read again what a run change touches. One stream, however many tenants (issue 20).
 */
export function useWorkspaceEvents(workspaceId: string | null | undefined): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!workspaceId) return;
    const source = new EventSource(`/api/workspaces/${workspaceId}/events`, { withCredentials: true });
    let hasConnected = false;
    const seenTenants = new Set<string>();

    source.addEventListener('run', (event: MessageEvent<string>) => {
      const run = parseRun(event.data);
      if (!run || run.tenant_id === null) return;
      seenTenants.add(String(run.tenant_id));
      applyRunChange(queryClient, String(run.tenant_id), run);
    });
    // Changes may have been missed (the server's listener, or this browser, reconnected): read the portfolio again.
    const resync = () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.allPortfolios });
      for (const tenantId of seenTenants) resyncTenantRuns(queryClient, tenantId);
    };
    source.addEventListener('resync', resync);
    source.addEventListener('open', () => {
      if (hasConnected) resync();
      hasConnected = true;
    });

    return () => source.close();
  }, [workspaceId, queryClient]);
}

function parseRun(data: string): Run | null {
  try {
    return (JSON.parse(data) as { run?: Run }).run ?? null;
  } catch {
    return null;
  }
}
