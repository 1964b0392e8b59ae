import { Anchor, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router';
import type { Tenant, Workspace } from '../../api/types';
import { LifecyclePresentation } from '../../components/lifecycle/LifecyclePresentation';
import { ConnectionStatusBadge } from '../../components/status/ConnectionStatusBadge';
import { RelativeTime } from '../../components/common/RelativeTime';
import { paths } from '../../paths';

/** The tenant list; at phone width each tenant is a card that keeps every key fact readable without scrolling sideways. */
export function TenantsTable({ workspace, tenants }: { workspace: Workspace; tenants: Tenant[] }) {
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  if (phone) return <TenantCards workspace={workspace} tenants={tenants} />;
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="tenants-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Tenant</Table.Th>
            <Table.Th>Lifecycle</Table.Th>
            <Table.Th>App status</Table.Th>
            <Table.Th>RBAC status</Table.Th>
            <Table.Th>Entra tenant ID</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tenants.map((tenant) => (
            <Table.Tr key={tenant.id} data-testid="tenant-row" data-tenant-name={tenant.name}>
              <Table.Td>
                <Stack gap={0}>
                  <Anchor component={Link} to={paths.tenant(workspace, String(tenant.id))} fw={600} size="sm">
                    {tenant.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {tenant.domain ?? 'No domain yet'}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <LifecyclePresentation presentation={tenant.lifecycle} surface="table" />
              </Table.Td>
              <Table.Td>
                <ConnectionStatusBadge presentation={tenant.app_status_presentation} />
              </Table.Td>
              <Table.Td>
                <ConnectionStatusBadge presentation={tenant.rbac_status_presentation} />
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace" c={tenant.entra_tenant_id ? undefined : 'dimmed'}>
                  {tenant.entra_tenant_id ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <RelativeTime iso={tenant.created_at} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TenantCards({ workspace, tenants }: { workspace: Workspace; tenants: Tenant[] }) {
  return (
    <Stack gap="sm" p="sm" data-testid="tenants-cards">
      {tenants.map((tenant) => (
        <Paper key={tenant.id} withBorder radius="md" p="sm" data-testid="tenant-row" data-tenant-name={tenant.name}>
          <Anchor component={Link} to={paths.tenant(workspace, String(tenant.id))} fw={600} size="sm">
            {tenant.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {tenant.domain ?? 'No domain yet'}
          </Text>
          <Group gap={8} mt={6} wrap="wrap">
            <LifecyclePresentation presentation={tenant.lifecycle} surface="table" />
            <Text size="xs" c="dimmed" span>
              App
            </Text>
            <ConnectionStatusBadge presentation={tenant.app_status_presentation} />
            <Text size="xs" c="dimmed" span>
              RBAC
            </Text>
            <ConnectionStatusBadge presentation={tenant.rbac_status_presentation} />
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
