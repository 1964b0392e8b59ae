import { Group } from '@mantine/core';
import type { Tenant } from '../../api/types';
import { LifecycleActionButton } from './LifecycleActionButton';

/** The transitions available from the tenant's current state, exactly as the server lists them. */
export function LifecycleActions({ tenant }: { tenant: Tenant }) {
  if (tenant.lifecycle_actions.length === 0) return null;
  return (
    <Group gap="sm" data-testid="lifecycle-actions">
      {tenant.lifecycle_actions.map((option) => (
        <LifecycleActionButton key={option.action} tenant={tenant} option={option} />
      ))}
    </Group>
  );
}
