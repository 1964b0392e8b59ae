import { Text } from '@mantine/core';
import { useAuditEntries } from '../../api/administration';
import { AuditEntriesTable } from '../../components/audit/AuditEntriesTable';
import { LoadError } from '../../components/common/LoadError';
import { PageLoader } from '../../components/common/PageLoader';
import { SectionCard } from '../../components/common/SectionCard';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';

/** The tenant's own entries of the audit trail (issue 8): the ten newest, and the rest one click away. */
export function TenantActivityCard({ tenantId }: { tenantId: string }) {
  const { workspace } = useWorkspace();
  const entries = useAuditEntries(workspace.id, { tenant_id: tenantId }, 10);
  const rows = entries.data?.pages[0]?.entries ?? [];
  return (
    <SectionCard title="Activity" more={{ to: paths.audit(workspace, { tenant_id: tenantId }), label: 'Full audit trail' }} testId="tenant-activity">
      {entries.isPending ? (
        <PageLoader />
      ) : entries.isError ? (
        <LoadError error={entries.error} title="Could not load the activity" onRetry={() => void entries.refetch()} retrying={entries.isFetching} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing recorded for this tenant yet.
        </Text>
      ) : (
        <AuditEntriesTable entries={rows} />
      )}
    </SectionCard>
  );
}
