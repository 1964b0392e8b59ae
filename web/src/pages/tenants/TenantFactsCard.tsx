import type { ReactNode } from 'react';
import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useProviderConnection } from '../../api/provider-connection';
import { paths } from '../../paths';
import type { Tenant } from '../../api/types';
import { CopyableId } from '../../components/common/CopyableId';
import { ConnectionStatusBadge } from '../../components/status/ConnectionStatusBadge';
import { formatDateTime } from '../../format/time';

export function TenantFactsCard({ tenant }: { tenant: Tenant }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={4} fw={600} mb="md">
        Tenant
      </Title>
      <Stack gap="sm">
        <Fact label="Tenant ID">
          <CopyableId value={String(tenant.id)} what="tenant ID" />
        </Fact>
        <Fact label="Primary domain">{tenant.domain ?? <Muted>Not set</Muted>}</Fact>
        <Fact label="Entra tenant ID">
          {tenant.entra_tenant_id ? (
            <CopyableId value={tenant.entra_tenant_id} what="Entra tenant ID" />
          ) : (
            <Muted>Not set</Muted>
          )}
        </Fact>
        <Fact label="App status">
          <ConnectionStatusBadge presentation={tenant.app_status_presentation} />
        </Fact>
        {tenant.app_status === 'error' && <AppStatusReason tenantId={String(tenant.id)} />}
        <Fact label="RBAC status">
          <ConnectionStatusBadge presentation={tenant.rbac_status_presentation} />
        </Fact>
        <Fact label="Created">{formatDateTime(tenant.created_at)}</Fact>
        {tenant.deleted_at && <Fact label="Archived on">{formatDateTime(tenant.deleted_at)}</Fact>}
      </Stack>
    </Card>
  );
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md" align="center">
      <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div style={{ textAlign: 'right', minWidth: 0, fontSize: 'var(--mantine-font-size-sm)' }}>{children}</div>
    </Group>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" span>
      {children}
    </Text>
  );
}

/** Why the app status is Error: the failure of the verification that set it, with a link to that run. */
function AppStatusReason({ tenantId }: { tenantId: string }) {
  const { data: connection } = useProviderConnection(tenantId);
  const verification = connection?.last_verification;
  if (!verification?.failure) return null;
  return (
    <Text size="sm" c="#a51d1d" data-testid="app-status-reason">
      {verification.failure.message}{' '}
      <Anchor component={Link} to={paths.run(String(verification.run_id))} size="sm" underline="always">
        View run
      </Anchor>
    </Text>
  );
}
