import { Anchor, Button, Card, Center, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconHistory } from '@tabler/icons-react';
import { Link } from 'react-router';
import { usePolicyTypes, useSyncRuns } from '../../api/inventory';
import type { SyncRunRow } from '../../api/inventory-types';
import { EmptyState } from '../../components/common/EmptyState';
import { LoadError } from '../../components/common/LoadError';
import { PageLoader } from '../../components/common/PageLoader';
import { RelativeTime } from '../../components/common/RelativeTime';
import { RunBadge } from '../../components/runs/RunBadge';
import { formatDuration } from '../../format/time';
import { paths } from '../../paths';
import { useScopedTenant } from '../tenants/TenantScope';
import { syncBadgeValue, syncStatusPresentation } from './sync-status';

/** The sync history: outcome, duration, counts and per-type results; each opens the canonical run viewer. */
export function SyncRunsPage() {
  const tenant = useScopedTenant();
  const syncRuns = useSyncRuns(String(tenant.id));
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const { data: types = [] } = usePolicyTypes();
  const labelOf = (type: string) => types.find((entry) => entry.type === type)?.label ?? type;
  const rows = syncRuns.data?.pages.flatMap((page) => page.sync_runs) ?? [];

  if (syncRuns.isPending) return <PageLoader />;
  if (syncRuns.isError) return <LoadError error={syncRuns.error} title="Could not load the sync runs" onRetry={() => void syncRuns.refetch()} retrying={syncRuns.isFetching} />;
  if (rows.length === 0) return <EmptyState icon={IconHistory} title="No sync has run yet" description="Each inventory sync of this tenant will be listed here, newest first." />;

  return (
    <Paper withBorder radius="md">
      {phone ? (
        <Stack gap="xs" p="sm">
          {rows.map((row) => (
            <Card key={row.id} withBorder radius="md" padding="sm" data-testid="sync-run-row">
              <Group justify="space-between">
                <StatusCell row={row} />
                <RelativeTime iso={row.started_at} />
              </Group>
              <Counts row={row} />
              <TypeResults row={row} labelOf={labelOf} />
              <RunLink row={row} />
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="sync-runs-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Started</Table.Th>
                <Table.Th>Duration</Table.Th>
                <Table.Th>Counts</Table.Th>
                <Table.Th>Policy types</Table.Th>
                <Table.Th>Run</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id} data-testid="sync-run-row">
                  <Table.Td>
                    <StatusCell row={row} />
                  </Table.Td>
                  <Table.Td>
                    <RelativeTime iso={row.started_at} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.status === 'running' ? 'Running…' : formatDuration(row.duration_seconds)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Counts row={row} />
                  </Table.Td>
                  <Table.Td>
                    <TypeResults row={row} labelOf={labelOf} />
                  </Table.Td>
                  <Table.Td>
                    <RunLink row={row} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {syncRuns.hasNextPage && (
        <Center py="md">
          <Button variant="default" size="xs" loading={syncRuns.isFetchingNextPage} onClick={() => void syncRuns.fetchNextPage()}>
            Load more
          </Button>
        </Center>
      )}
    </Paper>
  );
}

function StatusCell({ row }: { row: SyncRunRow }) {
  return <RunBadge kind="outcome" presentation={syncStatusPresentation[row.status]} busy={row.status === 'running'} value={syncBadgeValue(row.status)} testId="sync-run-status" />;
}

function Counts({ row }: { row: SyncRunRow }) {
  const c = row.summary_counts;
  return (
    <Text size="sm" data-testid="sync-run-counts">
      {c.total ?? row.items_observed} read · {c.created ?? 0} new · {c.updated ?? 0} changed · {c.unchanged ?? 0} unchanged · {c.removed ?? 0} gone
    </Text>
  );
}

function TypeResults({ row, labelOf }: { row: SyncRunRow; labelOf: (type: string) => string }) {
  const failed = row.type_results.filter((result) => result.status === 'failed');
  const succeeded = row.type_results.length - failed.length;
  return (
    <Stack gap={2}>
      <Text size="sm">
        {row.type_results.length === 0 ? `${row.policy_types.length} selected` : `${succeeded} of ${row.type_results.length} read`}
      </Text>
      {failed.map((result) => (
        <Text key={result.policy_type} size="xs" c="red.9" data-testid="sync-run-failed-type">
          Not read: {labelOf(result.policy_type)} ({result.error_code})
        </Text>
      ))}
    </Stack>
  );
}

function RunLink({ row }: { row: SyncRunRow }) {
  if (row.operation_run_id === null) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Anchor component={Link} to={paths.run(String(row.operation_run_id))} size="sm">
      Run #{row.operation_run_id}
    </Anchor>
  );
}
