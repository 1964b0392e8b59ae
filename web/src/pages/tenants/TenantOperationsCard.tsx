import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useOperationKpis } from '../../api/operations';
import type { Tenant } from '../../api/types';
import { formatDuration } from '../../format/time';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';

/** A glance at the tenant's operations on its overview; the full index is one click away. */
export function TenantOperationsCard({ tenant }: { tenant: Tenant }) {
  const { workspace } = useWorkspace();
  const { data: kpis } = useOperationKpis(String(tenant.id));

  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" mb="md">
        <Title order={4} fw={600}>
          Operations
        </Title>
        <Button
          component={Link}
          to={paths.tenantOperations(workspace, String(tenant.id))}
          variant="subtle"
          size="xs"
          rightSection={<IconArrowRight size={14} />}
        >
          View operations
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        <Glance label="Runs (30 days)" value={kpis ? String(kpis.total_runs_30d) : '—'} />
        <Glance label="Active" value={kpis ? String(kpis.active_runs) : '—'} />
        <Glance label="Failed or partial (7 days)" value={kpis ? String(kpis.failed_or_partial_7d) : '—'} />
        <Glance label="Avg duration (7 days)" value={kpis ? formatDuration(kpis.avg_duration_seconds_7d) : '—'} />
      </SimpleGrid>
    </Card>
  );
}

function Glance({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} size="lg">
        {value}
      </Text>
    </Stack>
  );
}
