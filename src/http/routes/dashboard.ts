import { z } from 'zod';
import { findWorkspaceByIdOrSlug } from '../../db/queries/workspaces';
import { portfolioPagesByName, readPortfolio } from '../../use-cases/dashboard/read-portfolio';
import { readTenantDashboard } from '../../use-cases/dashboard/read-tenant-dashboard';
import type { RegisterRoutes } from '../app-context';
import { consoleLinks, consoleWorkspaceSlug } from '../console-paths';
import { decodePortfolioCursor, encodePortfolioCursor } from '../cursors/portfolio-cursor';
import { badRequest } from '../errors';
import { accessOf } from '../plugins/access';
import { presentDrift, presentLatestRun } from '../presenters/dashboard';
import { presentBaseline, presentFinding } from '../presenters/finding';
import { presentRun } from '../presenters/operation-run';
import { presentTenant } from '../presenters/tenant';
import { errorResponses, idParam } from '../schemas/common';
import { portfolioQuery, portfolioSchema, tenantDashboardSchema } from '../schemas/dashboard';

// The tenant dashboard (SPEC §3, seed 000) and the workspace portfolio (issue 7). Both are computed from the
// database at request time; neither calls Graph.
export const registerDashboardRoutes: RegisterRoutes = (app, { db }) => {
  const workspaceSlugOf = async (workspaceId: number) => {
    const workspace = await findWorkspaceByIdOrSlug(db, String(workspaceId));
    if (!workspace) throw new Error(`workspace ${workspaceId} vanished after access was granted`);
    return consoleWorkspaceSlug(workspace);
  };

  app.get('/api/tenants/:tenant_id/dashboard', {
    config: { access: { scope: 'tenant', capability: 'view' } },
    schema: {
      tags: ['dashboard'],
      summary: "The tenant's dashboard: drift KPIs, operations health, what needs attention, newest findings and runs",
      params: z.object({ tenant_id: idParam }),
      response: { 200: tenantDashboardSchema, ...errorResponses },
    },
    handler: async (request) => {
      const { scopeId, role } = accessOf(request);
      // The tenant, its workspace's slug (for the console links) and its drift facts arrive in one statement.
      const dashboard = await readTenantDashboard(
        db,
        { id: scopeId },
        ({ tenant, workspace_slug }) => consoleLinks(consoleWorkspaceSlug({ id: tenant.workspace_id, slug: workspace_slug }), tenant.id),
        new Date(),
      );
      const baseline = dashboard.drift.current_baseline;
      return {
        tenant: presentTenant(dashboard.tenant, role),
        drift: { ...presentDrift(dashboard.drift), current_baseline: baseline ? presentBaseline(baseline, baseline.id) : null },
        operations: dashboard.operations,
        needs_attention: dashboard.drift.needs_attention,
        recent_findings: dashboard.recent_findings.map(presentFinding),
        recent_runs: dashboard.recent_runs.map(presentRun),
      };
    },
  });

  app.get('/api/workspaces/:workspace_id/portfolio', {
    config: { access: { scope: 'workspace', capability: 'view' } },
    schema: {
      tags: ['dashboard'],
      summary: 'Every tenant of the workspace with its drift, last sync and scan, and active runs',
      description:
        'One row per tenant (archived included), filtered by lifecycle, needs_attention, stale and freshness, sorted by name, lifecycle, ' +
        'open_findings (most severe first when descending), last_sync, last_scan or active_runs. In pages of `limit` rows (default 50): pass ' +
        'next_cursor as cursor with the same sort and filters for the next one.',
      params: z.object({ workspace_id: idParam }),
      querystring: portfolioQuery,
      response: { 200: portfolioSchema, ...errorResponses },
    },
    handler: async (request) => {
      const { scopeId, role } = accessOf(request);
      const { sort, direction, cursor: cursorText, limit, ...filter } = request.query;
      const byName = portfolioPagesByName({ sort, filter });
      const cursor = cursorText === undefined ? undefined : decodePortfolioCursor(cursorText, byName ? 'after' : 'offset');
      if (cursor === null) throw badRequest('cursor', 'cursor: not a cursor the portfolio handed out for this sort and these filters; start again without it');
      const slug = await workspaceSlugOf(scopeId);
      const portfolio = await readPortfolio(
        db,
        scopeId,
        { filter, sort, direction: direction ?? (sort === 'name' || sort === 'lifecycle' ? 'asc' : 'desc'), limit, cursor },
        (tenantId) => consoleLinks(slug, tenantId),
        new Date(),
      );
      return {
        rows: portfolio.rows.map((row) => ({
          tenant: presentTenant(row.tenant, role),
          drift: presentDrift(row),
          last_sync: presentLatestRun(row.last_sync),
          last_scan: presentLatestRun(row.last_scan),
          active_runs: row.active_runs,
          needs_attention: row.needs_attention,
        })),
        total_tenants: portfolio.total,
        matching_tenants: portfolio.matching,
        next_cursor: portfolio.next ? encodePortfolioCursor(portfolio.next) : null,
      };
    },
  });
};
