import { Anchor, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router';
import type { PortfolioRow, PortfolioSortKey } from '../../api/drift-types';
import type { Workspace } from '../../api/types';
import { SortableTh, type SortState } from '../../components/common/sortable-table';
import { LifecyclePresentation } from '../../components/lifecycle/LifecyclePresentation';
import { paths } from '../../paths';
import { AttentionCell, LatestRunCell, OpenFindingsCell, StaleCell } from './PortfolioCells';

interface PortfolioTableProps {
  workspace: Workspace;
  rows: PortfolioRow[];
  sort: SortState<PortfolioSortKey>;
  onSort: (column: PortfolioSortKey) => void;
}

/** Every tenant in one table; the server sorts (headers set the URL's sort). At phone width rows become cards. */
export function PortfolioTable({ workspace, rows, sort, onSort }: PortfolioTableProps) {
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  if (phone) return <PortfolioCards workspace={workspace} rows={rows} />;
  return (
    <Table.ScrollContainer minWidth={940}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover data-testid="portfolio-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={sort} onSort={onSort}>Tenant</SortableTh>
            <SortableTh column="lifecycle" sort={sort} onSort={onSort}>Lifecycle</SortableTh>
            <SortableTh column="open_findings" sort={sort} onSort={onSort}>Open findings</SortableTh>
            <SortableTh column="last_sync" sort={sort} onSort={onSort}>Last sync</SortableTh>
            <SortableTh column="last_scan" sort={sort} onSort={onSort}>Last scan</SortableTh>
            <SortableTh column="active_runs" sort={sort} onSort={onSort} align="right">Active</SortableTh>
            <Table.Th>Needs attention</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.tenant.id} data-testid="portfolio-row" data-tenant-name={row.tenant.name}>
              <Table.Td>
                <Stack gap={0}>
                  <Anchor component={Link} to={paths.tenant(workspace, String(row.tenant.id))} fw={600} size="sm">
                    {row.tenant.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {row.tenant.domain ?? 'No domain yet'}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <LifecyclePresentation presentation={row.tenant.lifecycle} surface="table" />
              </Table.Td>
              <Table.Td>
                <OpenFindingsCell row={row} />
              </Table.Td>
              <Table.Td>
                <LatestRunCell run={row.last_sync} what="inventory sync" />
              </Table.Td>
              <Table.Td>
                <LatestRunCell run={row.last_scan} what="drift scan">
                  <StaleCell row={row} />
                </LatestRunCell>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" data-testid="portfolio-active">
                  {row.active_runs}
                </Text>
              </Table.Td>
              <Table.Td maw={220}>
                <AttentionCell row={row} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PortfolioCards({ workspace, rows }: { workspace: Workspace; rows: PortfolioRow[] }) {
  return (
    <Stack gap="sm" p="sm" data-testid="portfolio-cards">
      {rows.map((row) => (
        <Paper key={row.tenant.id} withBorder radius="md" p="sm" data-testid="portfolio-row" data-tenant-name={row.tenant.name}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Anchor component={Link} to={paths.tenant(workspace, String(row.tenant.id))} fw={600} size="sm">
              {row.tenant.name}
            </Anchor>
            <LifecyclePresentation presentation={row.tenant.lifecycle} surface="table" />
          </Group>
          <Stack gap={6} mt={6}>
            <OpenFindingsCell row={row} />
            <Group gap="lg" wrap="wrap" align="flex-start">
              <Stack gap={2}>
                <Text size="xs" c="dimmed">
                  Last sync
                </Text>
                <LatestRunCell run={row.last_sync} what="inventory sync" />
              </Stack>
              <Stack gap={2}>
                <Text size="xs" c="dimmed">
                  Last scan
                </Text>
                <LatestRunCell run={row.last_scan} what="drift scan" />
              </Stack>
              <Stack gap={2}>
                <Text size="xs" c="dimmed">
                  Drift
                </Text>
                <StaleCell row={row} />
              </Stack>
              <Stack gap={2}>
                <Text size="xs" c="dimmed">
                  Active runs
                </Text>
                <Text size="sm">{row.active_runs}</Text>
              </Stack>
            </Group>
            <AttentionCell row={row} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
