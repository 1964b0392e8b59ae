import type { Id, RunsTab } from './types';

/** URL params are strings and API ids numbers; keys always use the string form so both hit the same entry. */
type IdLike = Id | string;

// One place for cache keys, so the live-event bridge invalidates exactly what the pages read.
// Everything about one tenant's operations starts with ['operations', tenantId].
export const queryKeys = {
  me: ['me'] as const,
  lifecycle: ['lifecycle'] as const,
  tenants: (workspaceId: IdLike) => ['tenants', String(workspaceId)] as const,
  tenantPages: (workspaceId: IdLike, q: string, status: string | null) => ['tenants', String(workspaceId), 'pages', { q, status }] as const,
  tenantSearch: (workspaceId: IdLike, q: string) => ['tenants', String(workspaceId), 'search', q] as const,
  allTenantLists: ['tenants'] as const,
  tenant: (tenantId: IdLike) => ['tenant', String(tenantId)] as const,
  providerConnection: (tenantId: IdLike) => ['provider-connection', String(tenantId)] as const,
  operationTypes: ['operation-types'] as const,
  tenantOperations: (tenantId: IdLike) => ['operations', String(tenantId)] as const,
  operationKpis: (tenantId: IdLike) => ['operations', String(tenantId), 'kpis'] as const,
  runsLists: (tenantId: IdLike) => ['operations', String(tenantId), 'runs'] as const,
  runs: (tenantId: IdLike, tab: RunsTab, type: string | null) =>
    ['operations', String(tenantId), 'runs', { tab, type }] as const,
  // Everything of one tenant's inventory hub starts with ['inventory', tenantId].
  inventory: (tenantId: IdLike) => ['inventory', String(tenantId)] as const,
  inventoryKpis: (tenantId: IdLike) => ['inventory', String(tenantId), 'kpis'] as const,
  inventoryItems: (tenantId: IdLike, filters: object) => ['inventory', String(tenantId), 'items', filters] as const,
  inventoryItem: (tenantId: IdLike, itemId: IdLike) => ['inventory', String(tenantId), 'item', String(itemId)] as const,
  syncRuns: (tenantId: IdLike) => ['inventory', String(tenantId), 'sync-runs'] as const,
  coverage: (tenantId: IdLike) => ['inventory', String(tenantId), 'coverage'] as const,
  policyTypes: ['policy-types'] as const,
  // Drift (issue 7): the dashboard, one tenant's findings (lists and single findings), and the portfolios.
  dashboard: (tenantId: IdLike) => ['dashboard', String(tenantId)] as const,
  findings: (tenantId: IdLike) => ['findings', String(tenantId)] as const,
  findingLists: (tenantId: IdLike, filters: object) => ['findings', String(tenantId), 'list', filters] as const,
  /** A single finding is keyed by its id alone (the route has no tenant); invalidated through allFindings. */
  finding: (findingId: IdLike) => ['finding', String(findingId)] as const,
  allFindings: ['finding'] as const,
  allPortfolios: ['portfolio'] as const,
  // Administration (issue 8).
  members: (workspaceId: IdLike) => ['members', String(workspaceId)] as const,
  allAudit: ['audit'] as const,
  audit: (workspaceId: IdLike) => ['audit', String(workspaceId)] as const,
  auditList: (workspaceId: IdLike, filters: object) => ['audit', String(workspaceId), filters] as const,
  myTokens: ['me', 'tokens'] as const,
  mySessions: ['me', 'sessions'] as const,
  portfolio: (workspaceId: IdLike, filters: object) => ['portfolio', String(workspaceId), filters] as const,
  allRuns: ['run'] as const,
  run: (runId: IdLike) => ['run', String(runId)] as const,
};
