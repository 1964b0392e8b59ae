import { useState } from 'react';
import { Alert, Anchor, CloseButton, Group, Progress, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { useStartSync } from '../../api/inventory';
import type { SyncProgress } from '../../api/inventory-types';
import { useRunView, useRuns } from '../../api/operations';
import type { Run, Tenant } from '../../api/types';
import { GuardedButton } from '../../components/common/GuardedButton';
import { RunResult } from '../../components/runs/RunResult';
import { paths } from '../../paths';

function progressOf(run: Run | undefined): SyncProgress | null {
  return run?.context?.progress ?? null;
}

/**
 * "Sync now" and what it leads to, where it was pressed: the progress of the running sync (live, from the run's
 * events), then its outcome with what changed. A sync started elsewhere shows its progress here too.
 */
export function SyncPanel({ tenant }: { tenant: Tenant }) {
  const tenantId = String(tenant.id);
  const start = useStartSync(tenantId);
  const [startedRunId, setStartedRunId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const activeSyncs = useRuns(tenantId, 'active', 'inventory.sync');
  const activeRun = activeSyncs.data?.pages[0]?.runs[0];
  const startedView = useRunView(startedRunId ?? '', { enabled: startedRunId !== null });
  const run = startedView.data?.run ?? activeRun;
  const running = run !== undefined && run.status !== 'completed';
  const progress = progressOf(run);
  // The server says whether this viewer may start a sync of this tenant, and why not (the start's own rule).
  const disabledReason = tenant.operation_starts['inventory.sync'].disabled_reason;

  const onSync = () => {
    setNotice(null);
    start.mutate(undefined, {
      onSuccess: (started) => {
        setStartedRunId(String(started.run.id));
        setNotice(started.reused ? 'A sync of this tenant was already running; showing its progress.' : null);
      },
    });
  };

  const refusal = start.error ? (isApiError(start.error) ? start.error.message : 'The sync could not be started. Try again.') : null;

  return (
    <Stack gap="sm" mb="lg" data-testid="sync-panel">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm" c="dimmed">
          Reads every policy type from Microsoft Graph into the inventory. Pages here only read what the last sync stored.
        </Text>
        <GuardedButton
          disabledReason={disabledReason}
          leftSection={<IconRefresh size={16} />}
          loading={start.isPending}
          onClick={onSync}
          data-action="sync-now"
        >
          {running ? 'Sync running…' : 'Sync now'}
        </GuardedButton>
      </Group>
      {refusal && (
        <Alert color="red" variant="light" title="The sync was not started" data-testid="sync-refused" withCloseButton onClose={() => start.reset()}>
          {refusal}
        </Alert>
      )}
      {notice && (
        <Text size="sm" data-testid="sync-notice">
          {notice}
        </Text>
      )}
      {running && run && (
        <div data-testid="sync-progress-block">
          <Group justify="space-between" mb={4} wrap="wrap">
            <Text size="sm" fw={500} id="sync-progress-label">
              {progress ? `Reading policy types: ${progress.types_done} of ${progress.types_total}` : 'Waiting for a worker to start the sync…'}
            </Text>
            <Text size="sm" c="dimmed" data-testid="sync-items-read">
              {progress ? `${progress.items_read.toLocaleString('en')} items read` : ''}
            </Text>
          </Group>
          <Progress
            value={progress && progress.types_total > 0 ? (progress.types_done / progress.types_total) * 100 : 0}
            animated
            aria-labelledby="sync-progress-label"
            aria-valuetext={progress ? `${progress.types_done} of ${progress.types_total} policy types read` : 'Not started yet'}
            data-testid="sync-progress"
            data-types-done={progress?.types_done ?? 0}
            data-types-total={progress?.types_total ?? 0}
          />
          <Anchor component={Link} to={paths.run(String(run.id))} size="xs" mt={4} display="inline-block">
            Open the sync run
          </Anchor>
        </div>
      )}
      {!running && startedView.data && <SyncOutcome run={startedView.data.run} onClose={() => setStartedRunId(null)} />}
    </Stack>
  );
}

function SyncOutcome({ run, onClose }: { run: Run; onClose: () => void }) {
  const counts = run.summary_counts;
  const color = run.outcome === 'succeeded' ? 'green' : run.outcome === 'partial' ? 'yellow' : run.outcome === 'cancelled' ? 'gray' : 'red';
  const title = run.outcome === 'succeeded' ? 'Sync finished' : run.outcome === 'partial' ? 'Sync finished with some types not read' : run.outcome === 'cancelled' ? 'Sync cancelled' : 'Sync failed';
  return (
    <Alert color={color} variant="light" title={title} data-testid="sync-outcome" data-outcome={run.outcome}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Text size="sm">
            {`${counts.total ?? 0} items read: ${counts.created ?? 0} new, ${counts.updated ?? 0} changed, ${counts.unchanged ?? 0} unchanged, ${counts.removed ?? 0} no longer in Graph.`}
          </Text>
          <RunResult run={run} />
          <Anchor component={Link} to={paths.run(String(run.id))} size="sm">
            Open the sync run
          </Anchor>
        </Stack>
        <CloseButton aria-label="Dismiss the sync outcome" onClick={onClose} />
      </Group>
    </Alert>
  );
}
