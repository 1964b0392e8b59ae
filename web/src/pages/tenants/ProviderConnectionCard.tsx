import { useState } from 'react';
import { Anchor, Badge, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlugConnected, IconShieldCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useProviderConnection, useVerifyProviderConnection } from '../../api/provider-connection';
import type { ProviderConnection, Tenant } from '../../api/types';
import { EmptyState } from '../../components/common/EmptyState';
import { LoadError } from '../../components/common/LoadError';
import { GuardedButton } from '../../components/common/GuardedButton';
import { isActiveLifecycle, isReadOnlyLifecycle } from '../../components/lifecycle/lifecycle-state';
import { formatRelative } from '../../format/time';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';
import { Fact, Muted } from './TenantFactsCard';
import { ProviderConnectionForm } from './ProviderConnectionForm';

/** The Entra app registration used for Graph: set client id and secret, and verify it as an operation. */
export function ProviderConnectionCard({ tenant }: { tenant: Tenant }) {
  const tenantId = String(tenant.id);
  const { can } = useWorkspace();
  const connectionQuery = useProviderConnection(tenantId);
  const verify = useVerifyProviderConnection(tenantId);
  const [editing, setEditing] = useState(false);
  const connection = connectionQuery.data ?? null;

  const editReason = connectionQuery.isError
    ? 'The provider connection could not be loaded.'
    : !can('manage_provider_connections')
    ? 'Your role cannot manage provider connections.'
    : isReadOnlyLifecycle(tenant.lifecycle)
      ? 'Archived tenants are read-only. Restore the tenant to change its connection.'
      : null;
  const verifyReason = connectionQuery.isError
    ? 'The provider connection could not be loaded.'
    : !can('start_operations')
    ? 'Your role cannot start operations.'
    : !connection
      ? 'Set up the provider connection first.'
      : !isActiveLifecycle(tenant.lifecycle)
        ? 'Operations start only for active tenants.'
        : null;

  const startVerify = async () => {
    try {
      const { run, reused } = await verify.mutateAsync();
      notifications.show({
        color: 'blue',
        title: reused ? 'A verification is already running' : 'Verification started',
        message: (
          <Anchor component={Link} to={paths.run(String(run.id))} size="sm" data-testid="view-run-link">
            View run
          </Anchor>
        ),
        autoClose: 10_000,
      });
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Verification could not start',
        message: error instanceof Error ? error.message : 'The server refused the request.',
      });
    }
  };

  return (
    <Card withBorder radius="md" padding="lg" data-testid="provider-connection-card">
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Stack gap={2}>
          <Title order={4} fw={600}>
            Provider connection
          </Title>
          <Text size="sm" c="dimmed">
            The Entra app registration used to read Intune through Microsoft Graph.
          </Text>
        </Stack>
        <IconPlugConnected size={22} stroke={1.5} color="var(--mantine-color-gray-5)" />
      </Group>

      {connectionQuery.isPending ? (
        <Stack gap="xs">
          <Skeleton h={14} />
          <Skeleton h={14} w="70%" />
        </Stack>
      ) : connectionQuery.isError ? (
        <LoadError error={connectionQuery.error} title="Could not load the connection" />
      ) : editing ? (
        <ProviderConnectionForm
          tenantId={tenantId}
          connection={connection}
          defaultEntraTenantId={tenant.entra_tenant_id}
          onDone={() => setEditing(false)}
        />
      ) : connection ? (
        <ConnectionFacts connection={connection} />
      ) : (
        <EmptyState
          icon={IconPlugConnected}
          title="Not connected yet"
          description="Add the application (client) ID and a client secret of the tenant's app registration."
        />
      )}

      {!editing && (
        <Group justify="flex-end" gap="sm" mt="lg">
          <GuardedButton variant="default" disabledReason={editReason} onClick={() => setEditing(true)}>
            {connection ? 'Change credentials' : 'Set up connection'}
          </GuardedButton>
          <GuardedButton
            leftSection={<IconShieldCheck size={16} />}
            disabledReason={verifyReason}
            loading={verify.isPending}
            onClick={() => void startVerify()}
            data-action="verify-connection"
          >
            Verify connection
          </GuardedButton>
        </Group>
      )}
    </Card>
  );
}

function ConnectionFacts({ connection }: { connection: ProviderConnection }) {
  return (
    <Stack gap="sm">
      <Fact label="Client ID">
        <Text size="sm" ff="monospace">
          {connection.client_id}
        </Text>
      </Fact>
      <Fact label="Entra tenant ID">
        {connection.entra_tenant_id ? (
          <Text size="sm" ff="monospace">
            {connection.entra_tenant_id}
          </Text>
        ) : (
          <Muted>Same as the tenant</Muted>
        )}
      </Fact>
      <Fact label="Client secret">
        {/* Only whether a secret exists is ever known here; the secret itself never leaves the server. */}
        <Badge size="sm" variant="light" color={connection.has_secret ? 'green' : 'gray'} radius="sm" tt="none">
          {connection.has_secret ? 'Stored' : 'Missing'}
        </Badge>
      </Fact>
      <Fact label="Updated">{formatRelative(connection.updated_at)}</Fact>
    </Stack>
  );
}
