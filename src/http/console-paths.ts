// The console's URLs that API answers hand out (SPEC §3 `needs_attention[].href`). They mirror web/src/paths.ts;
// the browser test that follows "Needs attention" proves the two agree.
import type { NeedsAttentionLinks } from '../domain/dashboard';
import type { FindingSeverity } from '../domain/drift';

/** A workspace's segment of a console path: its slug, or its id where it has none (the console accepts both). */
export function consoleWorkspaceSlug(workspace: { id: number; slug: string | null }): string {
  return workspace.slug ?? String(workspace.id);
}

const tenantPath = (workspaceSlug: string, tenantId: number) => `/w/${encodeURIComponent(workspaceSlug)}/tenants/${tenantId}`;

export function consoleLinks(workspaceSlug: string, tenantId: number): NeedsAttentionLinks {
  return {
    findings: (filter: { status: 'open'; severity: FindingSeverity }) =>
      `${tenantPath(workspaceSlug, tenantId)}/findings?${new URLSearchParams(filter).toString()}`,
    run: (runId: number) => `/operations/${runId}`,
    // Starting a scan is a POST; the link lands on the tenant's dashboard at its "Scan now" action.
    startScan: () => `${tenantPath(workspaceSlug, tenantId)}#scan-now`,
  };
}
