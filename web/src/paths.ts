import type { Workspace } from './api/types';

// Every in-app URL is built here, so a route change is one edit. The workspace is part of the URL
// (its slug) so that a link or a reload always lands in the same workspace.

export const paths = {
  signIn: (next?: string) => (next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'),
  home: () => '/',
  tenants: (workspace: Pick<Workspace, 'slug'>) => `/w/${encodeURIComponent(workspace.slug)}/tenants`,
  tenant: (workspace: Pick<Workspace, 'slug'>, tenantId: string) =>
    `/w/${encodeURIComponent(workspace.slug)}/tenants/${encodeURIComponent(tenantId)}`,
  tenantOperations: (workspace: Pick<Workspace, 'slug'>, tenantId: string) =>
    `${paths.tenant(workspace, tenantId)}/operations`,
  inventory: (workspace: Pick<Workspace, 'slug'>, tenantId: string) => `${paths.tenant(workspace, tenantId)}/inventory`,
  inventoryItems: (workspace: Pick<Workspace, 'slug'>, tenantId: string) => `${paths.inventory(workspace, tenantId)}/items`,
  inventoryItem: (workspace: Pick<Workspace, 'slug'>, tenantId: string, itemId: string) =>
    `${paths.inventory(workspace, tenantId)}/items/${encodeURIComponent(itemId)}`,
  inventorySyncRuns: (workspace: Pick<Workspace, 'slug'>, tenantId: string) => `${paths.inventory(workspace, tenantId)}/sync-runs`,
  inventoryCoverage: (workspace: Pick<Workspace, 'slug'>, tenantId: string) => `${paths.inventory(workspace, tenantId)}/coverage`,
  run: (runId: string) => `/operations/${encodeURIComponent(runId)}`,
  members: (workspace: Pick<Workspace, 'slug'>) => `/w/${encodeURIComponent(workspace.slug)}/members`,
  audit: (workspace: Pick<Workspace, 'slug'>, filters: Record<string, string> = {}) => {
    const query = new URLSearchParams(filters).toString();
    return `/w/${encodeURIComponent(workspace.slug)}/audit${query ? `?${query}` : ''}`;
  },
  account: () => '/account',
  /** The workspace's landing page: every tenant with its drift and runs (issue 7). */
  portfolio: (workspace: Pick<Workspace, 'slug'>) => `/w/${encodeURIComponent(workspace.slug)}/portfolio`,
  /** `filters` become the query string, so a link lands on the list already filtered. */
  findings: (workspace: Pick<Workspace, 'slug'>, tenantId: string, filters: Record<string, string> = {}) => {
    const query = new URLSearchParams(filters).toString();
    return `${paths.tenant(workspace, tenantId)}/findings${query ? `?${query}` : ''}`;
  },
  finding: (workspace: Pick<Workspace, 'slug'>, tenantId: string, findingId: string) =>
    `${paths.tenant(workspace, tenantId)}/findings/${encodeURIComponent(findingId)}`,
};

/** `/w/:workspaceRef` accepts the slug or the id. */
export function findWorkspace(workspaces: Workspace[], ref: string | undefined): Workspace | undefined {
  if (!ref) return undefined;
  return workspaces.find((w) => w.slug === ref) ?? workspaces.find((w) => String(w.id) === ref);
}
