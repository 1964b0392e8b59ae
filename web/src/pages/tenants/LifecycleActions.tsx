import { Group } from '@mantine/core';
import type { Tenant } from '../../api/types';
import { LifecycleActionButton } from './LifecycleActionButton';
import { bannerAction } from './TenantLifecycleBanner';

/**
 * The transitions available from the tenant's current state, exactly as the server lists them, less the
 * one the lifecycle banner above already offers.
 */
export function LifecycleActions({ tenant }: { tenant: Tenant }) {
  const promoted = bannerAction(tenant);
  const options = tenant.lifecycle_actions.filter((option) => option.action !== promoted);
  if (options.length === 0) return null;
  return (
    <Group gap="sm" data-testid="lifecycle-actions">
      {options.map((option) => (
        <LifecycleActionButton key={option.action} tenant={tenant} option={option} />
      ))}
    </Group>
  );
}
