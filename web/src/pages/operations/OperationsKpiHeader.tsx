import { IconActivity, IconAlertTriangle, IconClockHour4, IconListDetails } from '@tabler/icons-react';
import { useOperationKpis } from '../../api/operations';
import type { RunsTab } from '../../api/types';
import { KpiHeader } from '../../components/common/KpiHeader';
import { formatDuration } from '../../format/time';

/**
 * The four operations KPIs of SPEC §3, computed by the server at request time over all run types. Each count
 * leads to the tab that lists what it counts (the tab itself shows all time; the tile's hint names its window).
 */
export function OperationsKpiHeader({ tenantId, tabHref }: { tenantId: string; tabHref: (tab: Extract<RunsTab, 'all' | 'active' | 'failed'>) => string }) {
  const { data: kpis } = useOperationKpis(tenantId);
  return (
    <KpiHeader
      loading={!kpis}
      kpis={[
        {
          key: 'total_runs_30d',
          label: 'Total runs',
          value: String(kpis?.total_runs_30d ?? 0),
          hint: 'Last 30 days, all types',
          icon: IconListDetails,
          href: tabHref('all'),
          linkLabel: 'Open the All tab',
        },
        {
          key: 'active_runs',
          label: 'Active',
          value: String(kpis?.active_runs ?? 0),
          hint: 'Queued or running, all types',
          icon: IconActivity,
          href: tabHref('active'),
          linkLabel: 'Open the Active tab',
        },
        {
          key: 'failed_or_partial_7d',
          label: 'Failed or partial',
          value: String(kpis?.failed_or_partial_7d ?? 0),
          hint: 'Last 7 days, all types',
          icon: IconAlertTriangle,
          href: tabHref('failed'),
          linkLabel: 'Open the Failed tab',
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
