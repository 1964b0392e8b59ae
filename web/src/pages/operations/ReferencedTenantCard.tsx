import { Anchor, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ReferencedTenant, Workspace } from '../../api/types';
import { LifecyclePresentation } from '../../components/lifecycle/LifecyclePresentation';
import { paths } from '../../paths';

interface ReferencedTenantCardProps {
  referenced: ReferencedTenant;
  workspace: Workspace | null;
}

/**
 * The run's tenant as context (seed 002 §4), in the "canonical_viewer" variant. A non-active tenant gets
 * its note; the run record itself stays valid whatever the tenant's state is now.
 */
export function ReferencedTenantCard({ referenced, workspace }: ReferencedTenantCardProps) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid="referenced-tenant">
      <Title order={4} fw={600} mb="md">
        Tenant
      </Title>
      {referenced.tenant_id === null ? (
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" color="gray" radius="md" size={36}>
            <IconBuildingCommunity size={20} stroke={1.6} />
          </ThemeIcon>
          <Stack gap={0}>
            <Text fw={600} size="sm">
              Workspace-level run
            </Text>
            <Text size="sm" c="dimmed">
              This run belongs to the workspace, not to a single tenant.
            </Text>
          </Stack>
        </Group>
      ) : (
        <Stack gap="sm">
          {workspace ? (
            <Anchor component={Link} to={paths.tenant(workspace, String(referenced.tenant_id))} fw={600}>
              {referenced.tenant_name ?? `Tenant #${referenced.tenant_id}`}
            </Anchor>
          ) : (
            <Text fw={600}>{referenced.tenant_name ?? `Tenant #${referenced.tenant_id}`}</Text>
          )}
          {referenced.lifecycle && (
            <LifecyclePresentation
              presentation={referenced.lifecycle}
              surface="canonical_viewer"
              contextNote={referenced.context_note}
            />
          )}
        </Stack>
      )}
    </Card>
  );
}
