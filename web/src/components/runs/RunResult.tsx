import { useLayoutEffect, useRef, useState } from 'react';
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
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
      {reason && <ClampedMessage text={reason} title={failure ? `${failure.code}: ${failure.message}` : undefined} />}
      {run.retries && (
        <Badge size="sm" variant="outline" color="gray" styles={{ label: { textTransform: 'none' } }} data-testid="run-retries">
          {retriesText(run.retries)}
        </Badge>
      )}
    </Group>
  );
}

/**
 * Two lines of a message, and — when that cuts it — a "Show whole message" disclosure that opens it in place
 * (a button with aria-expanded, so keyboard and screen reader users can read it too, not only a hover title).
 * Long unbroken words (permission names, ids) wrap instead of widening the table they sit in.
 */
function ClampedMessage({ text, title }: { text: string; title?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || expanded) return;
    const measure = () => setCut(element.scrollHeight > element.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [expanded, text]);
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Text ref={ref} size="sm" lineClamp={expanded ? undefined : 2} title={title} style={{ overflowWrap: 'anywhere' }} data-testid="run-result-message">
        {text}
      </Text>
      {(cut || expanded) && (
        <Anchor
          component="button"
          type="button"
          size="xs"
          aria-expanded={expanded}
          onClick={(event) => {
            // In a clickable table row: open the message, do not open the run.
            event.stopPropagation();
            setExpanded((open) => !open);
          }}
          style={{ alignSelf: 'flex-start' }}
        >
          {expanded ? 'Show less' : 'Show whole message'}
        </Anchor>
      )}
    </Stack>
  );
}
