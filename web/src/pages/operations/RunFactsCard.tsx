import { Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import type { Run } from '../../api/types';
import { RunBadge } from '../../components/runs/RunBadge';
import { retriesText } from '../../components/runs/RunResult';
import { formatDateTime, formatDuration } from '../../format/time';
import { Fact, Muted } from '../tenants/TenantFactsCard';

export function RunFactsCard({ run }: { run: Run }) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid="run-facts">
      <Title order={4} fw={600} mb="md">
        Run
      </Title>
      <Stack gap="sm">
        <Fact label="Type">{run.type_label}</Fact>
        <Fact label="Status">
          <RunBadge kind="status" presentation={run.status_presentation} busy={run.status === 'running'} testId="run-status" value={run.status} />
        </Fact>
        <Fact label="Outcome">
          <RunBadge kind="outcome" presentation={run.outcome_presentation} testId="run-outcome" value={run.outcome} />
        </Fact>
        <Fact label="Initiator">{run.initiator?.name ?? <Muted>System</Muted>}</Fact>
        {run.outcome === 'cancelled' && <Fact label="Cancelled by">{run.cancelled_by?.name ?? <Muted>The system</Muted>}</Fact>}
        <Fact label="Retries">
          {run.retries ? (
            <span data-testid="run-retries">
              {retriesText(run.retries)}, waited {formatDuration(run.retries.waited_seconds)}
            </span>
          ) : (
            <Muted>None</Muted>
          )}
        </Fact>
        <Fact label="Created">{formatDateTime(run.created_at)}</Fact>
        <Fact label="Started">{run.started_at ? formatDateTime(run.started_at) : <Muted>Not yet</Muted>}</Fact>
        <Fact label="Completed">{run.completed_at ? formatDateTime(run.completed_at) : <Muted>Not yet</Muted>}</Fact>
        <Fact label="Duration">{formatDuration(run.duration_seconds)}</Fact>
      </Stack>
    </Card>
  );
}

/** Shown while the run is active: processed of total when the worker reports it, a calm busy bar otherwise. */
export function RunProgress({ run }: { run: Run }) {
  const { total, processed } = run.summary_counts;
  const known = typeof total === 'number' && total > 0 && typeof processed === 'number';
  const percent = known ? Math.min(100, Math.round((processed / total) * 100)) : 100;
  const caption =
    run.status === 'queued' ? 'Waiting for a worker…' : known ? `${processed} of ${total} processed` : 'Working…';

  return (
    <Card withBorder radius="md" padding="lg" data-testid="run-progress">
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          Progress
        </Text>
        <Text size="sm" c="dimmed">
          {caption}
        </Text>
      </Group>
      <Progress
        value={run.status === 'queued' ? 0 : percent}
        size="md"
        radius="xl"
        striped={!known}
        animated={run.status === 'running' && !known}
      />
    </Card>
  );
}
