import { Button, Card, Group, Title } from '@mantine/core';
import { IconActivity, IconAlertTriangle, IconArrowRight, IconPlayerPlay } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { TenantDashboard } from '../../api/drift-types';
import { EmptyState } from '../../components/common/EmptyState';
import { KpiHeader } from '../../components/common/KpiHeader';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';
import { RunsTable } from '../operations/RunsTable';

/** Operations health as on the operations index (SPEC §3). */
export function OperationsHealthCard({ tenantId, dashboard }: { tenantId: string; dashboard: TenantDashboard }) {
  const { workspace } = useWorkspace();
  const operationsPath = paths.tenantOperations(workspace, tenantId);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="operations-health">
      <Group justify="space-between" mb="md">
        <Title order={3} fz="lg" fw={600}>
          Operations
        </Title>
        <Button component={Link} to={operationsPath} variant="subtle" size="xs" rightSection={<IconArrowRight size={14} />}>
          All operations
        </Button>
      </Group>
      <KpiHeader
        columns={2}
        kpis={[
          { key: 'active', label: 'Active', value: String(dashboard.operations.active), hint: 'queued or running', icon: IconPlayerPlay, href: `${operationsPath}?tab=active`, linkLabel: 'Open the Active tab' },
          {
            key: 'failed-or-partial',
            label: 'Failed or partial',
            value: String(dashboard.operations.failed_or_partial_7d),
            hint: 'completed in the last 7 days',
            icon: IconAlertTriangle,
            href: `${operationsPath}?tab=failed`,
            linkLabel: 'Open the Failed tab',
          },
        ]}
      />
    </Card>
  );
}

/** The ten newest runs (SPEC §3), each opening the run viewer. */
export function RecentRunsCard({ tenantId, runs }: { tenantId: string; runs: TenantDashboard['recent_runs'] }) {
  const { workspace } = useWorkspace();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="recent-runs">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="lg" fw={600}>
          Newest runs
        </Title>
        <Button component={Link} to={paths.tenantOperations(workspace, tenantId)} variant="subtle" size="xs" rightSection={<IconArrowRight size={14} />}>
          All operations
        </Button>
      </Group>
      {runs.length === 0 ? (
        <EmptyState icon={IconActivity} title="No runs yet" description="Syncs, baseline captures and scans of this tenant show up here as they run." />
      ) : (
        <RunsTable runs={runs} />
      )}
    </Card>
  );
}
