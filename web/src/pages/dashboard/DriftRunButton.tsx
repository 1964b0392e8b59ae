import { useState } from 'react';
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { IconCamera, IconRadar } from '@tabler/icons-react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { useStartDriftRun } from '../../api/drift';
import { useRunView } from '../../api/operations';
import type { Run } from '../../api/types';
import { GuardedButton } from '../../components/common/GuardedButton';
import { RunResult } from '../../components/runs/RunResult';
import { paths } from '../../paths';

const WORDS = {
  scan: { label: 'Scan now', running: 'Scanning…', what: 'drift scan', icon: IconRadar },
  capture: { label: 'Capture baseline', running: 'Capturing…', what: 'baseline capture', icon: IconCamera },
} as const;

/** In words, what a finished scan or capture did, from what the run reported. */
function outcomeText(kind: 'scan' | 'capture', run: Run): string {
  if (run.outcome === 'failed') return kind === 'scan' ? 'The drift scan failed.' : 'The baseline capture failed.';
  if (run.outcome === 'cancelled') return kind === 'scan' ? 'The drift scan was cancelled.' : 'The baseline capture was cancelled.';
  if (kind === 'capture') {
    const count = run.context?.baseline_item_count ?? run.summary_counts.total ?? 0;
    return `Baseline captured: ${count} ${count === 1 ? 'policy' : 'policies'}. Scans now compare against it.`;
  }
  const findings = run.context?.findings;
  const parts = [`${findings?.new ?? 0} new`, `${findings?.reopened ?? 0} reopened`, `${findings?.resolved ?? 0} resolved`, `${findings?.still_open ?? 0} still open`];
  return `Scan finished${run.outcome === 'partial' ? ' with some types not compared' : ''}: ${parts.join(', ')}.`;
}

/**
 * "Scan now" or "Capture baseline", and what it led to, where it was pressed: running while the run runs (its
 * changes arrive on the tenant's event stream), then the outcome in words with a link to the run.
 */
export function DriftRunButton({ tenantId, kind, disabledReason, id }: { tenantId: string; kind: 'scan' | 'capture'; disabledReason: string | null; id?: string }) {
  const words = WORDS[kind];
  const start = useStartDriftRun(tenantId, kind);
  const [startedRunId, setStartedRunId] = useState<string | null>(null);
  const [reused, setReused] = useState(false);
  const startedView = useRunView(startedRunId ?? '', { enabled: startedRunId !== null });
  const run = startedView.data?.run;
  const running = run !== undefined && run.status !== 'completed';
  const ButtonIcon = words.icon;

  const onClick = () => {
    start.mutate(undefined, {
      onSuccess: (started) => {
        setStartedRunId(String(started.run.id));
        setReused(started.reused);
      },
    });
  };

  return (
    <Stack gap={6} align="stretch">
      <GuardedButton
        id={id}
        variant={kind === 'scan' ? 'filled' : 'default'}
        leftSection={<ButtonIcon size={16} />}
        disabledReason={disabledReason}
        loading={start.isPending || running}
        loaderProps={{ type: 'dots' }}
        onClick={onClick}
        data-action={kind === 'scan' ? 'scan-now' : 'capture-baseline'}
      >
        {running ? words.running : words.label}
      </GuardedButton>
      {start.error && (
        <Alert color="red" variant="light" title={`The ${words.what} was not started`} data-testid={`${kind}-refused`} withCloseButton closeButtonLabel="Dismiss" onClose={() => start.reset()}>
          {isApiError(start.error) ? start.error.message : 'Try again.'}
        </Alert>
      )}
      {run && (
        <Alert
          color={running ? 'blue' : run.outcome === 'succeeded' ? 'green' : run.outcome === 'partial' ? 'yellow' : run.outcome === 'cancelled' ? 'gray' : 'red'}
          variant="light"
          data-testid={`${kind}-outcome`}
          data-outcome={running ? 'running' : run.outcome}
          withCloseButton={!running}
          closeButtonLabel="Dismiss"
          onClose={() => setStartedRunId(null)}
        >
          <Stack gap={4}>
            <Text size="sm">
              {running ? `${reused ? 'A ' + words.what + ' was already running; following it.' : `The ${words.what} is running.`}` : outcomeText(kind, run)}
            </Text>
            {!running && run.outcome !== 'succeeded' && <RunResult run={run} />}
            <Anchor component={Link} to={paths.run(String(run.id))} size="sm">
              Open the {words.what} run
            </Anchor>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
