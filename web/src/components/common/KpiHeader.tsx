import { Group, Paper, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';

export interface Kpi {
  key: string;
  label: string;
  value: string;
  hint: string;
  icon: Icon;
}

/** The row of KPI tiles at the top of an index page (seed 000's "KPI header"). */
export function KpiHeader({ kpis, loading = false }: { kpis: Kpi[]; loading?: boolean }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: kpis.length }} spacing="md" mb="lg">
      {kpis.map(({ key, label, value, hint, icon: KpiIcon }) => (
        <Paper key={key} withBorder radius="md" p="md" data-kpi={key}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text size="xs" c="dimmed" fw={500} tt="uppercase" style={{ letterSpacing: 0.3 }}>
              {label}
            </Text>
            <ThemeIcon size={28} radius="md" variant="light" color="gray">
              <KpiIcon size={16} stroke={1.6} />
            </ThemeIcon>
          </Group>
          <Text fz={26} fw={650} mt={4} data-testid={`kpi-${key}`} c={loading ? 'dimmed' : undefined}>
            {loading ? '—' : value}
          </Text>
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
