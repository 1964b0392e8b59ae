import { SimpleGrid, Stack } from '@mantine/core';
import { PageHeader } from '../../components/common/PageHeader';
import { LifecyclePresentation } from '../../components/lifecycle/LifecyclePresentation';
import { LifecycleActions } from './LifecycleActions';
import { OnboardingCard } from './OnboardingCard';
import { ProviderConnectionCard } from './ProviderConnectionCard';
import { TenantFactsCard } from './TenantFactsCard';
import { TenantOperationsCard } from './TenantOperationsCard';
import { useScopedTenant } from './TenantScope';

export function TenantDetailPage() {
  const tenant = useScopedTenant();

  return (
    <>
      <PageHeader title={tenant.name} actions={<LifecycleActions tenant={tenant} />}>
        <LifecyclePresentation presentation={tenant.lifecycle} surface="detail" />
      </PageHeader>
      <Stack gap="lg">
        {tenant.onboarding && <OnboardingCard tenant={tenant} onboarding={tenant.onboarding} />}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <TenantFactsCard tenant={tenant} />
          <ProviderConnectionCard tenant={tenant} />
        </SimpleGrid>
        <TenantOperationsCard tenant={tenant} />
      </Stack>
    </>
  );
}
