import { IconActivity, IconAlertTriangle, IconClockHour4, IconListDetails } from '@tabler/icons-react';
import { useOperationKpis } from '../../api/operations';
import { KpiHeader } from '../../components/common/KpiHeader';
import { formatDuration } from '../../format/time';

/** The four operations KPIs of SPEC §3, computed by the server at request time. */
export function OperationsKpiHeader({ tenantId }: { tenantId: string }) {
  const { data: kpis } = useOperationKpis(tenantId);
  return (
    <KpiHeader
      loading={!kpis}
      kpis={[
        {
          key: 'total_runs_30d',
          label: 'Total runs',
          value: String(kpis?.total_runs_30d ?? 0),
          hint: 'Last 30 days',
          icon: IconListDetails,
        },
        {
          key: 'active_runs',
          label: 'Active',
          value: String(kpis?.active_runs ?? 0),
          hint: 'Queued or running',
          icon: IconActivity,
        },
        {
          key: 'failed_or_partial_7d',
          label: 'Failed or partial',
          value: String(kpis?.failed_or_partial_7d ?? 0),
          hint: 'Last 7 days',
          icon: IconAlertTriangle,
        },
        {
          key: 'avg_duration_seconds_7d',
          label: 'Avg duration',
          value: formatDuration(kpis?.avg_duration_seconds_7d),
          hint: 'Completed runs, last 7 days',
          icon: IconClockHour4,
        },
      ]}
    />
  );
}
