import { Badge, Group, Text } from '@mantine/core';
import type { Run } from '../../api/types';

/** "Retried 2× (429 ×2)": the trace a throttled run leaves, shown wherever the run is. */
export function retriesText(retries: NonNullable<Run['retries']>): string {
  const causes = Object.entries(retries.by_cause)
    .map(([cause, count]) => `${cause === 'network' ? 'network' : cause} ×${count}`)
    .join(', ');
  return `Retried ${retries.count}× (${causes})`;
}

/**
 * Why a run ended the way it did, in one line: the first failure's message for failed and partial runs, who
 * cancelled a cancelled one, and a trace of retries. Empty for a plain success or an active run.
 */
export function RunResult({ run }: { run: Run }) {
  const failure = run.failure_summary[0];
  const more = run.failure_summary.length - 1;
  const reason =
    run.outcome === 'cancelled'
      ? `Cancelled by ${run.cancelled_by?.name ?? 'the system'}`
      : failure && (run.outcome === 'failed' || run.outcome === 'partial')
        ? `${failure.message}${more > 0 ? ` (+${more} more)` : ''}`
        : null;
  if (!reason && !run.retries) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Group gap={6} wrap="wrap" data-testid="run-result">
      {reason && (
        <Text size="sm" lineClamp={2} title={failure ? `${failure.code}: ${failure.message}` : undefined}>
          {reason}
        </Text>
      )}
      {run.retries && (
        <Badge size="sm" variant="outline" color="gray" styles={{ label: { textTransform: 'none' } }} data-testid="run-retries">
          {retriesText(run.retries)}
        </Badge>
      )}
    </Group>
  );
}
