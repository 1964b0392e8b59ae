import { Anchor, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router';
import type { Tenant, Workspace } from '../../api/types';
import { LifecyclePresentation } from '../../components/lifecycle/LifecyclePresentation';
import { ConnectionStatusBadge } from '../../components/status/ConnectionStatusBadge';
import { RelativeTime } from '../../components/common/RelativeTime';
import { SortableTh, useSortedRows, type SortState } from '../../components/common/sortable-table';
import { paths } from '../../paths';

const sortValues = {
  name: (t: Tenant) => t.name,
  lifecycle: (t: Tenant) => t.lifecycle.label,
  app: (t: Tenant) => t.app_status_presentation.label,
  rbac: (t: Tenant) => t.rbac_status_presentation.label,
  entra: (t: Tenant) => t.entra_tenant_id,
  created: (t: Tenant) => t.created_at,
};
type TenantColumn = keyof typeof sortValues;

// The server pages by name (then id); that order is shown as delivered, so "Load more" appends below.
const SERVER_ORDER: SortState<TenantColumn> = { column: 'name', direction: 'ascending' };

/**
 * The tenant list; at phone width each tenant is a card that keeps every key fact readable without scrolling
 * sideways. `unloaded` is how many tenants of the list are not loaded yet: a header click re-sorts only the
 * loaded ones, and the table says so.
 */
export function TenantsTable({ workspace, tenants, unloaded = 0 }: { workspace: Workspace; tenants: Tenant[]; unloaded?: number }) {
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const { sorted, sort, toggle } = useSortedRows<Tenant, TenantColumn>(tenants, sortValues, SERVER_ORDER, SERVER_ORDER);
  if (phone) return <TenantCards workspace={workspace} tenants={tenants} />;
  const sortedLocally = sort !== null && (sort.column !== SERVER_ORDER.column || sort.direction !== SERVER_ORDER.direction);
  return (
    <>
      {sortedLocally && unloaded > 0 && (
        <Text size="xs" c="dimmed" px="md" pb="xs" data-testid="tenant-sort-note">
          Sorted among the {tenants.length} tenants loaded so far; {unloaded} more are not loaded yet.
        </Text>
      )}
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="tenants-table">
          <Table.Thead>
            <Table.Tr>
              <SortableTh column="name" sort={sort} onSort={toggle}>Tenant</SortableTh>
              <SortableTh column="lifecycle" sort={sort} onSort={toggle}>Lifecycle</SortableTh>
              <SortableTh column="app" sort={sort} onSort={toggle}>App status</SortableTh>
              <SortableTh column="rbac" sort={sort} onSort={toggle}>RBAC status</SortableTh>
              <SortableTh column="entra" sort={sort} onSort={toggle}>Entra tenant ID</SortableTh>
              <SortableTh column="created" sort={sort} onSort={toggle}>Created</SortableTh>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((tenant) => (
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
    </>
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
