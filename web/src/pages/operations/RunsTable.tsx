import { Anchor, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import type { Run } from '../../api/types';
import { RunBadge } from '../../components/runs/RunBadge';
import { RunResult } from '../../components/runs/RunResult';
import { RelativeTime } from '../../components/common/RelativeTime';
import { formatDuration } from '../../format/time';
import { paths } from '../../paths';

/**
 * Each row opens the canonical run viewer. At phone width the rows become cards that keep every key fact
 * (type, status, outcome, why, when) readable without sideways scrolling.
 */
export function RunsTable({ runs }: { runs: Run[] }) {
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  if (phone) return <RunCards runs={runs} />;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="runs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Operation</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Why</Table.Th>
            <Table.Th>Initiator</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th ta="right">Duration</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
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
