import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconClockExclamation, IconShieldSearch } from '@tabler/icons-react';
import type { TenantDashboard } from '../../api/drift-types';
import { findingSeverities } from '../../api/drift-types';
import type { Tenant } from '../../api/types';
import { EmptyState } from '../../components/common/EmptyState';
import { KpiHeader } from '../../components/common/KpiHeader';
import { RelativeTime } from '../../components/common/RelativeTime';
import { severityLook } from '../../components/findings/severity';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';
import { DriftRunButton } from './DriftRunButton';

/**
 * The dashboard's drift block (SPEC §3): open findings per severity (each a link to the findings filtered to
 * it), when drift was last scanned and whether that is stale, and the two drift actions. A tenant that has
 * never had a baseline or a scan gets a calm explanation of how drift starts instead of a row of zeros.
 */
export function DriftCard({ tenant, dashboard }: { tenant: Tenant; dashboard: TenantDashboard }) {
  const { workspace } = useWorkspace();
  const tenantId = String(tenant.id);
  const { drift } = dashboard;
  // Whether this viewer may start a capture or a scan here, and why not, as the server decides it.
  const scanReason = tenant.operation_starts['drift.scan'].disabled_reason ?? (drift.current_baseline ? null : 'Capture a baseline first: a scan compares the inventory with it.');
  const noDriftYet = drift.current_baseline === null && drift.last_scan_at === null && drift.open_total === 0;

  return (
    <Card withBorder radius="md" padding="lg" data-testid="drift-card">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md" mb="md">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={3} fz="lg" fw={600}>
              Drift
            </Title>
            {/* The server's one freshness (fresh, partly scanned, stale, never scanned); a warning only where a scan
                can run — an active tenant, as the dashboard's own tenant says (the same response as Needs attention). */}
            {drift.freshness.state !== 'fresh' && dashboard.tenant.status === 'active' && (
              <Badge variant="outline" color="orange.9" radius="sm" leftSection={<IconClockExclamation size={12} aria-hidden />} styles={{ label: { textTransform: 'none' } }} data-testid="drift-stale" data-freshness={drift.freshness.state}>
                {drift.freshness.label}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" data-testid="drift-last-scan" data-freshness={drift.freshness.state}>
            {drift.last_scan_at ? (
              <>
                Last scanned <RelativeTime iso={drift.last_scan_at} />. {drift.freshness.state === 'fresh' ? '' : drift.freshness.description}
              </>
            ) : (
              `${drift.freshness.label}.`
            )}{' '}
            {drift.current_baseline ? (
              <>
                Baseline of {drift.current_baseline.item_count} {drift.current_baseline.item_count === 1 ? 'policy' : 'policies'}, captured <RelativeTime iso={drift.current_baseline.completed_at} />.
              </>
            ) : (
              'No baseline yet.'
            )}
          </Text>
        </Stack>
        <Group gap="sm" align="flex-start">
          <DriftRunButton tenantId={tenantId} kind="capture" disabledReason={tenant.operation_starts['baseline.capture'].disabled_reason} />
          <DriftRunButton tenantId={tenantId} kind="scan" disabledReason={scanReason} id="scan-now" />
        </Group>
      </Group>
      {noDriftYet ? (
        <EmptyState
          icon={IconShieldSearch}
          title="No drift data yet"
          description={
            tenant.status === 'active'
              ? 'Drift starts from a baseline: once an inventory sync has finished, capture a baseline, then scan. What changes after that shows up here.'
              : `Drift is tracked for active tenants; this tenant is ${tenant.lifecycle.label}.`
          }
        />
      ) : (
        <KpiHeader
          kpis={findingSeverities.map((severity) => {
            const look = severityLook(severity);
            const count = drift.open_by_severity[severity];
            return {
              key: `open-${severity}`,
              label: look.label,
              value: String(count),
              hint: `open ${count === 1 ? 'finding' : 'findings'}`,
              icon: look.icon,
              href: paths.findings(workspace, tenantId, { status: 'open', severity }),
              linkLabel: `Open ${look.label.toLowerCase()} findings`,
            };
          })}
        />
      )}
    </Card>
  );
}
