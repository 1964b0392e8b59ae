import { Group, Paper, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { Link } from 'react-router';

export interface Kpi {
  key: string;
  label: string;
  value: string;
  hint: string;
  icon: Icon;
  /** Where the number leads (e.g. the list filtered to what it counts); a tile without it is not a link. */
  href?: string;
  /** What following the link shows, for screen readers and the tooltip ("Open the Failed tab"). */
  linkLabel?: string;
}

/** The row of KPI tiles at the top of an index page (seed 000's "KPI header"). A tile with `href` is a link. */
export function KpiHeader({ kpis, loading = false, columns }: { kpis: Kpi[]; loading?: boolean; columns?: number }) {
  return (
    <SimpleGrid cols={{ base: 2, md: columns ?? kpis.length }} spacing="md" mb={columns ? 0 : 'lg'}>
      {kpis.map((kpi) => {
        const body = <KpiBody kpi={kpi} loading={loading} />;
        return kpi.href ? (
          <Paper
            key={kpi.key}
            component={Link}
            to={kpi.href}
            title={kpi.linkLabel}
            withBorder
            radius="md"
            p="md"
            data-kpi={kpi.key}
            className="kpi-link"
          >
            {body}
          </Paper>
        ) : (
          <Paper key={kpi.key} withBorder radius="md" p="md" data-kpi={kpi.key}>
            {body}
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}

function KpiBody({ kpi, loading }: { kpi: Kpi; loading: boolean }) {
  const { key, label, value, hint, icon: KpiIcon } = kpi;
  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="xs" c="dimmed" fw={500} tt="uppercase" style={{ letterSpacing: 0.3 }}>
          {label}
        </Text>
        <ThemeIcon size={28} radius="md" variant="light" color="gray" aria-hidden>
          <KpiIcon size={16} stroke={1.6} />
        </ThemeIcon>
      </Group>
      <Text fz={26} fw={650} mt={4} data-testid={`kpi-${key}`} c={loading ? 'dimmed' : undefined}>
        {loading ? '—' : value}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </>
  );
}
