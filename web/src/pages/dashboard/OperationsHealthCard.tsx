import { Button, Card, Group, Title } from '@mantine/core';
import { IconActivity, IconAlertTriangle, IconArrowRight, IconPlayerPlay } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { TenantDashboard } from '../../api/drift-types';
import { EmptyState } from '../../components/common/EmptyState';
import { KpiHeader } from '../../components/common/KpiHeader';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';
import { RunsTable } from '../operations/RunsTable';

/** Operations health as on the operations index (SPEC §3), and the ten newest runs. */
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
      <Title order={4} fz="md" fw={600} mb="xs">
        Newest runs
      </Title>
      {dashboard.recent_runs.length === 0 ? (
        <EmptyState icon={IconActivity} title="No runs yet" description="Syncs, baseline captures and scans of this tenant show up here as they run." />
      ) : (
        <RunsTable runs={dashboard.recent_runs} />
      )}
    </Card>
  );
}
