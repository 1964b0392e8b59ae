import { Anchor, Group, SimpleGrid, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPlayerStop } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCancelRun } from '../../api/operations';
import type { RunView, Workspace } from '../../api/types';
import { GuardedButton } from '../../components/common/GuardedButton';
import { CopyableId } from '../../components/common/CopyableId';
import { PageHeader } from '../../components/common/PageHeader';
import { RunBadge } from '../../components/runs/RunBadge';
import { paths } from '../../paths';
import { ContextCard, FailuresCard, SummaryCountsCard } from './RunDetailsCards';
import { DRIFT_SCAN_CONTEXT_KEYS, DriftScanResultsCard } from './DriftScanResultsCard';
import { INVENTORY_SYNC_CONTEXT_KEYS, InventorySyncResultsCard } from './InventorySyncResultsCard';
import { PROVIDER_VERIFY_CONTEXT_KEYS, ProviderVerifyResultsCard } from './ProviderVerifyResultsCard';
import { RunFactsCard, RunProgress } from './RunFactsCard';
import { ReferencedTenantCard } from './ReferencedTenantCard';

interface RunViewerPageProps {
  view: RunView;
  /** The run's workspace when the viewer is a member (always, since the server answered). */
  workspace: Workspace | null;
}

/** The canonical run viewer `/operations/:run_id`: the one page that describes a run. */
/** Context keys a type's own card already shows in words; the generic context card leaves them out. */
const presentedContextKeys: Record<string, readonly string[]> = {
  'inventory.sync': INVENTORY_SYNC_CONTEXT_KEYS,
  'drift.scan': DRIFT_SCAN_CONTEXT_KEYS,
  'provider.verify': PROVIDER_VERIFY_CONTEXT_KEYS,
};

export function RunViewerPage({ view, workspace }: RunViewerPageProps) {
  const { run, referenced_tenant } = view;
  const cancel = useCancelRun(String(run.id));
  const active = run.status !== 'completed';
  const canCancel = workspace?.capabilities.includes('cancel_operations') ?? false;

  const cancelRun = async () => {
    try {
      await cancel.mutateAsync();
      notifications.show({ color: 'gray', title: 'Cancellation requested', message: `${run.type_label} #${run.id}` });
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'The run could not be cancelled',
        message: error instanceof Error ? error.message : 'The server refused the request.',
      });
    }
  };

  return (
    <>
      {workspace && run.tenant_id !== null && (
        <Anchor
          component={Link}
          to={paths.tenantOperations(workspace, String(run.tenant_id))}
          size="sm"
          c="dimmed"
          mb="sm"
          display="inline-flex"
          style={{ alignItems: 'center', gap: 4 }}
        >
          <IconArrowLeft size={14} /> Operations of {referenced_tenant.tenant_name ?? 'the tenant'}
        </Anchor>
      )}
      <PageHeader
        title={run.type_label}
        documentTitle={[`Run #${run.id}`, run.type_label, referenced_tenant.tenant_name]}
        description={<CopyableId value={String(run.id)} display={`Run #${run.id}`} what="run ID" />}
        actions={
          active && (
            <GuardedButton
              variant="default"
              color="red"
              leftSection={<IconPlayerStop size={16} />}
              disabledReason={canCancel ? null : 'Your role cannot cancel operations.'}
              loading={cancel.isPending}
              onClick={() => void cancelRun()}
              data-action="cancel-run"
            >
              Cancel run
            </GuardedButton>
          )
        }
      >
        <Group gap="xs">
          <RunBadge kind="status" presentation={run.status_presentation} busy={run.status === 'running'} value={run.status} />
          <RunBadge kind="outcome" presentation={run.outcome_presentation} value={run.outcome} />
        </Group>
      </PageHeader>

      <Stack gap="lg">
        {active && <RunProgress run={run} />}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <RunFactsCard run={run} />
          <ReferencedTenantCard referenced={referenced_tenant} workspace={workspace} />
        </SimpleGrid>
        <SummaryCountsCard run={run} />
        <FailuresCard run={run} />
        {run.type === 'inventory.sync' && <InventorySyncResultsCard run={run} workspace={workspace} />}
        {run.type === 'drift.scan' && <DriftScanResultsCard run={run} workspace={workspace} />}
        {run.type === 'provider.verify' && <ProviderVerifyResultsCard run={run} />}
        <ContextCard run={run} presentedElsewhere={presentedContextKeys[run.type] ?? []} />
      </Stack>
    </>
  );
}
