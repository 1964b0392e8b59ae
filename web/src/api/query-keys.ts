import type { RunsTab } from './types';

// One place for cache keys, so the live-event bridge invalidates exactly what the pages read.
// Everything about one tenant's operations starts with ['operations', tenantId].
export const queryKeys = {
  me: ['me'] as const,
  lifecycle: ['lifecycle'] as const,
  tenants: (workspaceId: string) => ['tenants', workspaceId] as const,
  allTenantLists: ['tenants'] as const,
  tenant: (tenantId: string) => ['tenant', tenantId] as const,
  providerConnection: (tenantId: string) => ['provider-connection', tenantId] as const,
  operationTypes: ['operation-types'] as const,
  tenantOperations: (tenantId: string) => ['operations', tenantId] as const,
  operationKpis: (tenantId: string) => ['operations', tenantId, 'kpis'] as const,
  runsLists: (tenantId: string) => ['operations', tenantId, 'runs'] as const,
  runs: (tenantId: string, tab: RunsTab, type: string | null) =>
    ['operations', tenantId, 'runs', { tab, type }] as const,
  run: (runId: string) => ['run', runId] as const,
};
