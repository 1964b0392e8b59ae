import { Button, Card, Group, Title } from '@mantine/core';
import { IconArrowRight, IconShieldCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Finding } from '../../api/drift-types';
import { EmptyState } from '../../components/common/EmptyState';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';
import { FindingsTable } from '../findings/FindingsTable';

/** The ten newest findings (SPEC §3), open or closed, each opening its evidence. */
export function RecentFindingsCard({ tenantId, findings }: { tenantId: string; findings: Finding[] }) {
  const { workspace } = useWorkspace();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="recent-findings">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="lg" fw={600}>
          Newest findings
        </Title>
        <Button component={Link} to={paths.findings(workspace, tenantId)} variant="subtle" size="xs" rightSection={<IconArrowRight size={14} />}>
          All findings
        </Button>
      </Group>
      {findings.length === 0 ? (
        <EmptyState icon={IconShieldCheck} title="No findings" description="No scan has found drift from the baseline." />
      ) : (
        <FindingsTable findings={findings} />
      )}
    </Card>
  );
}
