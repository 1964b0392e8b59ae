import { SimpleGrid, Stack } from '@mantine/core';
import { useTenantDashboard } from '../../api/drift';
import { LoadError } from '../../components/common/LoadError';
import { PageHeader } from '../../components/common/PageHeader';
import { PageLoader } from '../../components/common/PageLoader';
import { LifecyclePresentation } from '../../components/lifecycle/LifecyclePresentation';
import { LifecycleActions } from '../tenants/LifecycleActions';
import { OnboardingCard } from '../tenants/OnboardingCard';
import { ProviderConnectionCard } from '../tenants/ProviderConnectionCard';
import { TenantFactsCard } from '../tenants/TenantFactsCard';
import { useScopedTenant } from '../tenants/TenantScope';
import { DriftCard } from './DriftCard';
import { NeedsAttentionCard } from './NeedsAttentionCard';
import { OperationsHealthCard, RecentRunsCard } from './OperationsHealthCard';
import { RecentFindingsCard } from './RecentFindingsCard';
import { TenantActivityCard } from './TenantActivityCard';

/**
 * The tenant's home (seed 000, SPEC §3): drift first, then what needs attention and operations health, the
 * tenant's own facts and connection, and the newest findings and runs. Everything is read from the database; run changes arrive on the tenant's
 * event stream (TenantScope) and refresh it without a reload.
 */
export function TenantDashboardPage() {
  const tenant = useScopedTenant();
  const tenantId = String(tenant.id);
  const dashboardQuery = useTenantDashboard(tenantId);
  const dashboard = dashboardQuery.data;
  const setup = (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <TenantFactsCard tenant={tenant} />
      <ProviderConnectionCard tenant={tenant} />
    </SimpleGrid>
  );

  return (
    <>
      <PageHeader title={tenant.name} actions={<LifecycleActions tenant={tenant} />}>
        <LifecyclePresentation presentation={tenant.lifecycle} surface="detail" />
      </PageHeader>
      <Stack gap="lg" data-testid="tenant-dashboard">
        {tenant.onboarding && <OnboardingCard tenant={tenant} onboarding={tenant.onboarding} />}
        {/* Until a tenant is active its connection is the work at hand, so its cards come first. */}
        {tenant.status !== 'active' && setup}
        {dashboardQuery.isPending ? (
          <PageLoader />
        ) : dashboardQuery.isError || !dashboard ? (
          <LoadError error={dashboardQuery.error} title="Could not load the dashboard" onRetry={() => void dashboardQuery.refetch()} retrying={dashboardQuery.isFetching} />
        ) : (
          <>
            <DriftCard tenant={tenant} dashboard={dashboard} />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <NeedsAttentionCard items={dashboard.needs_attention} freshness={dashboard.drift.freshness} />
              <OperationsHealthCard tenantId={tenantId} dashboard={dashboard} />
            </SimpleGrid>
            {tenant.status === 'active' && setup}
            <RecentFindingsCard tenantId={tenantId} findings={dashboard.recent_findings} />
            <RecentRunsCard tenantId={tenantId} runs={dashboard.recent_runs} />
          </>
        )}
        {tenant.status === 'active' && !dashboard && setup}
        <TenantActivityCard tenantId={tenantId} />
      </Stack>
    </>
  );
}
