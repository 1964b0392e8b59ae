// The console's URLs that API answers hand out (SPEC §3 `needs_attention[].href`). They mirror web/src/paths.ts;
// the browser test that follows "Needs attention" proves the two agree.
import type { NeedsAttentionLinks } from '../domain/dashboard';
import type { FindingSeverity } from '../domain/drift';

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
