import { IconActivity, IconAlertTriangle, IconPlayerPlay } from '@tabler/icons-react';
import type { TenantDashboard } from '../../api/drift-types';
import { EmptyState } from '../../components/common/EmptyState';
import { KpiHeader } from '../../components/common/KpiHeader';
import { SectionCard } from '../../components/common/SectionCard';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';
import { RunsTable } from '../operations/RunsTable';

/** Operations health as on the operations index (SPEC §3). */
export function OperationsHealthCard({ tenantId, dashboard }: { tenantId: string; dashboard: TenantDashboard }) {
  const { workspace } = useWorkspace();
  const operationsPath = paths.tenantOperations(workspace, tenantId);
  return (
    <SectionCard title="Operations" more={{ to: operationsPath, label: 'All operations' }} testId="operations-health">
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
    </SectionCard>
  );
}

/** The ten newest runs (SPEC §3), each opening the run viewer. */
export function RecentRunsCard({ tenantId, runs }: { tenantId: string; runs: TenantDashboard['recent_runs'] }) {
  const { workspace } = useWorkspace();
  return (
    <SectionCard title="Newest runs" more={{ to: paths.tenantOperations(workspace, tenantId), label: 'All operations' }} testId="recent-runs">
      {runs.length === 0 ? (
        <EmptyState icon={IconActivity} title="No runs yet" description="Syncs, baseline captures and scans of this tenant show up here as they run." />
      ) : (
        <RunsTable runs={runs} />
      )}
    </SectionCard>
  );
}
