import { Anchor, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import type { Run } from '../../api/types';
import { RunBadge } from '../../components/runs/RunBadge';
import { RunResult } from '../../components/runs/RunResult';
import { RelativeTime } from '../../components/common/RelativeTime';
import { SortableTh, useSortedRows } from '../../components/common/sortable-table';
import { formatDuration } from '../../format/time';
import { paths } from '../../paths';

/**
 * Each row opens the canonical run viewer. At phone width the rows become cards that keep every key fact
 * (type, status, outcome, why, when) readable without sideways scrolling.
 */
const sortValues = {
  operation: (run: Run) => run.type_label,
  status: (run: Run) => run.status_presentation.label,
  outcome: (run: Run) => run.outcome_presentation.label,
  initiator: (run: Run) => run.initiator?.name ?? 'System',
  created: (run: Run) => run.created_at,
  duration: (run: Run) => run.duration_seconds,
};
type RunColumn = keyof typeof sortValues;

export function RunsTable({ runs }: { runs: Run[] }) {
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  // The server's order is newest first; a header click re-sorts the runs loaded so far.
  const { sorted, sort, toggle } = useSortedRows<Run, RunColumn>(runs, sortValues, { column: 'created', direction: 'descending' });
  if (phone) return <RunCards runs={runs} />;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="runs-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="operation" sort={sort} onSort={toggle}>Operation</SortableTh>
            <SortableTh column="status" sort={sort} onSort={toggle}>Status</SortableTh>
            <SortableTh column="outcome" sort={sort} onSort={toggle}>Outcome</SortableTh>
            <Table.Th>Why</Table.Th>
            <SortableTh column="initiator" sort={sort} onSort={toggle}>Initiator</SortableTh>
            <SortableTh column="created" sort={sort} onSort={toggle}>Created</SortableTh>
            <SortableTh column="duration" sort={sort} onSort={toggle} align="right">Duration</SortableTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((run) => (
            <Table.Tr
              key={run.id}
              data-testid="run-row"
              data-run-id={run.id}
              style={{ cursor: 'pointer' }}
              onClick={() => void navigate(paths.run(String(run.id)))}
            >
              <Table.Td>
                <Stack gap={0}>
                  <Anchor
                    component={Link}
                    to={paths.run(String(run.id))}
                    fw={600}
                    size="sm"
                    onClick={(event) => event.stopPropagation()}
                  >
                    {run.type_label}
                  </Anchor>
                  <Text size="xs" c="dimmed" ff="monospace">
                    #{run.id}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <RunBadge kind="status" presentation={run.status_presentation} busy={run.status === 'running'} testId="run-status" value={run.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <RunBadge kind="outcome" presentation={run.outcome_presentation} testId="run-outcome" value={run.outcome} />
              </Table.Td>
              <Table.Td maw={320}>
                <RunResult run={run} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={run.initiator ? undefined : 'dimmed'}>
                  {run.initiator?.name ?? 'System'}
                </Text>
              </Table.Td>
              <Table.Td>
                <RelativeTime iso={run.created_at} />
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" ff="monospace">
                  {formatDuration(run.duration_seconds)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RunCards({ runs }: { runs: Run[] }) {
  return (
    <Stack gap="sm" p="sm" data-testid="runs-cards">
      {runs.map((run) => (
        <Paper key={run.id} withBorder radius="md" p="sm" data-testid="run-row" data-run-id={run.id}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Anchor component={Link} to={paths.run(String(run.id))} fw={600} size="sm">
              {run.type_label}
            </Anchor>
            <Text size="xs" c="dimmed" ff="monospace">
              #{run.id}
            </Text>
          </Group>
          <Group gap={6} mt={6} wrap="wrap">
            <RunBadge kind="status" presentation={run.status_presentation} busy={run.status === 'running'} testId="run-status" value={run.status} />
            <RunBadge kind="outcome" presentation={run.outcome_presentation} testId="run-outcome" value={run.outcome} />
          </Group>
          <Stack gap={2} mt={6}>
            <RunResult run={run} />
            <Text size="xs" c="dimmed">
              <RelativeTime iso={run.created_at} /> · {run.initiator?.name ?? 'System'} · {formatDuration(run.duration_seconds)}
            </Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
