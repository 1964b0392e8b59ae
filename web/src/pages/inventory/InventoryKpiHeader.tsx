import { Badge, Group, Paper, SimpleGrid, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconActivity, IconDatabase, IconRefresh, IconShieldCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useInventoryKpis } from '../../api/inventory';
import { fullLabelBadgeStyles } from '../../components/common/badge-styles';
import { RelativeTime } from '../../components/common/RelativeTime';
import { RunBadge } from '../../components/runs/RunBadge';
import { paths } from '../../paths';
import { syncBadgeValue, syncStatusPresentation } from './sync-status';

const CHIPS = [
  { key: 'restorable', label: 'Restorable', hint: 'Types TenantAtlas can restore' },
  { key: 'partial', label: 'Partial', hint: 'Types restorable as a preview only' },
  { key: 'risk', label: 'Risk', hint: 'Types of high or medium-high risk' },
  { key: 'dependencies', label: 'Dependencies', hint: 'Types with assignments, scope tags or filters to resolve' },
] as const;

/** "12.5 %" with one decimal, "—" when there are no items (SPEC §3). */
export function formatCoverage(percent: number | null | undefined): string {
  return percent === null || percent === undefined ? '—' : `${percent.toFixed(1)} %`;
}

/**
 * The inventory hub's shared header (SPEC §3, seed 000), on Items, Sync runs and Coverage alike: one component,
 * one request for all its numbers.
 */
export function InventoryKpiHeader({ tenantId, workspaceSlug }: { tenantId: string; workspaceSlug: string }) {
  const { data: kpis, isPending } = useInventoryKpis(tenantId);
  const workspace = { slug: workspaceSlug };
  const value = (text: string) => (isPending ? '—' : text);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" mb="lg" data-testid="inventory-kpi-header">
      <Tile label="Total items" icon={IconDatabase}>
        <Text fz={26} fw={650} data-testid="kpi-total-items">{value(String(kpis?.total_items ?? 0))}</Text>
        <Group gap={6} mt={4} wrap="wrap" data-testid="inventory-chips">
          {CHIPS.map((chip) => (
            <Tooltip key={chip.key} label={chip.hint} withArrow>
              <Badge variant="light" color="gray" radius="sm" styles={fullLabelBadgeStyles} data-chip={chip.key} tabIndex={0}>
                {chip.label} {isPending ? '—' : (kpis?.chips[chip.key] ?? 0)}
              </Badge>
            </Tooltip>
          ))}
        </Group>
      </Tile>
      <Tile label="Coverage" icon={IconShieldCheck}>
        <Text fz={26} fw={650} data-testid="kpi-coverage">{value(formatCoverage(kpis?.coverage_percent))}</Text>
        <Text size="xs" c="dimmed">Restorable items of all items; preview-only types do not count</Text>
      </Tile>
      <Tile label="Last sync" icon={IconRefresh}>
        {isPending ? (
          <Text fz={26} fw={650}>—</Text>
        ) : kpis?.last_sync ? (
          <Stack2>
            <Group gap={8} wrap="wrap">
              <RunBadge kind="outcome" presentation={syncStatusPresentation[kpis.last_sync.status]} busy={kpis.last_sync.status === 'running'} value={syncBadgeValue(kpis.last_sync.status)} testId="kpi-last-sync-status" />
              <Text size="sm">
                <RelativeTime iso={kpis.last_sync.finished_at ?? kpis.last_sync.started_at} />
              </Text>
            </Group>
            {kpis.last_sync.operation_run_id !== null && (
              <Text size="xs" component={Link} to={paths.run(String(kpis.last_sync.operation_run_id))} c="indigo.8" td="underline" data-testid="kpi-last-sync-link">
                Open the sync run
              </Text>
            )}
          </Stack2>
        ) : (
          <>
            <Text fz={18} fw={600} mt={4} data-testid="kpi-last-sync-none">Never synced</Text>
            <Text size="xs" c="dimmed">No inventory sync has run for this tenant</Text>
          </>
        )}
      </Tile>
      <Tile label="Active operations" icon={IconActivity}>
        <Text fz={26} fw={650} data-testid="kpi-active-operations">{value(String(kpis?.active_operations.all ?? 0))}</Text>
        <Text size="xs" c="dimmed" data-testid="kpi-active-syncs">
          {isPending ? '—' : `${kpis?.active_operations.inventory_sync ?? 0} of them inventory sync`} ·{' '}
          <Text span size="xs" component={Link} to={`${paths.tenantOperations(workspace, tenantId)}?tab=active`} c="indigo.8" td="underline">
            Active runs
          </Text>
        </Text>
      </Tile>
    </SimpleGrid>
  );
}

function Tile({ label, icon: TileIcon, children }: { label: string; icon: typeof IconDatabase; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" data-kpi={label}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb={4}>
        <Text size="xs" c="dimmed" fw={500} tt="uppercase" style={{ letterSpacing: 0.3 }}>
          {label}
        </Text>
        <ThemeIcon size={28} radius="md" variant="light" color="gray" aria-hidden>
          <TileIcon size={16} stroke={1.6} />
        </ThemeIcon>
      </Group>
      {children}
    </Paper>
  );
}

function Stack2({ children }: { children: React.ReactNode }) {
  return <div style={{ display: 'flex', flexDirection: 'column', gap: 6, marginTop: 6 }}>{children}</div>;
}
