import { Outlet, useOutletContext, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useTenant } from '../../api/tenants';
import type { Tenant } from '../../api/types';
import { LoadError } from '../../components/common/LoadError';
import { NotFound } from '../../components/common/NotFound';
import { PageLoader } from '../../components/common/PageLoader';
import { useWorkspace } from '../../layout/workspace-context';
import { useTenantEvents } from '../../live/useTenantEvents';
import { TenantLifecycleBanner } from './TenantLifecycleBanner';

/** `/w/:ws/tenants/:tenantId/...`: loads the tenant once for all its pages, listens to its events, shows the banner. */
export function TenantScope() {
  const { tenantId } = useParams();
  const { workspace } = useWorkspace();
  const tenantQuery = useTenant(tenantId);
  useTenantEvents(tenantQuery.data ? String(tenantQuery.data.id) : null);

  if (tenantQuery.isPending) return <PageLoader />;
  if (tenantQuery.isError) {
    return isApiError(tenantQuery.error, 404) ? (
      <TenantNotFound />
    ) : (
      <LoadError error={tenantQuery.error} title="Could not load this tenant" pageTitle onRetry={() => void tenantQuery.refetch()} retrying={tenantQuery.isFetching} />
    );
  }
  const tenant = tenantQuery.data;
  // A tenant of another workspace under this workspace's URL is treated like a missing one.
  if (String(tenant.workspace_id) !== String(workspace.id)) return <TenantNotFound />;

  return (
    <>
      <TenantLifecycleBanner tenant={tenant} />
      <Outlet context={{ tenant } satisfies TenantOutletContext} />
    </>
  );
}

interface TenantOutletContext {
  tenant: Tenant;
}

export function useScopedTenant(): Tenant {
  return useOutletContext<TenantOutletContext>().tenant;
}

function TenantNotFound() {
  return <NotFound title="Tenant not found" description="This tenant does not exist, or you do not have access to it." />;
}
