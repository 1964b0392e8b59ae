import { Anchor, Button, Group, Paper, Select, Text, TextInput } from '@mantine/core';
import { IconDownload, IconHistory } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { auditActions, auditQueryString, useAuditEntries, useMembers, type AuditFilters } from '../../api/administration';
import { AuditEntriesTable } from '../../components/audit/AuditEntriesTable';
import { EmptyState } from '../../components/common/EmptyState';
import { LoadMore } from '../../components/common/LoadMore';
import { LoadError } from '../../components/common/LoadError';
import { PageHeader } from '../../components/common/PageHeader';
import { PageLoader } from '../../components/common/PageLoader';
import { useWorkspace } from '../../layout/workspace-context';

function filtersFrom(params: URLSearchParams): AuditFilters {
  return { action: params.get('action'), actor_user_id: params.get('actor_user_id'), tenant_id: params.get('tenant_id'), from: params.get('from'), to: params.get('to') };
}

/** The workspace's audit trail (issue 8): filters in the URL, newest first, "Load more", and the same filter as CSV. */
export function AuditPage() {
  const { workspace } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const entries = useAuditEntries(workspace.id, filters);
  const { data: members } = useMembers(workspace.id);
  const rows = entries.data?.pages.flatMap((page) => page.entries) ?? [];
  const csvQuery = auditQueryString(filters);
  const set = (key: keyof AuditFilters, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  // Date inputs give a day; the API takes instants: from the start of the day, to the start of the next (UTC).
  const day = (value: string | null) => (value ? value.slice(0, 10) : '');

  return (
    <>
      <PageHeader
        title="Audit trail"
        documentTitle={['Audit trail', workspace.name]}
        description="Every change in this workspace: who, what, when and from where. Nobody can edit or delete an entry."
        actions={
          <Button component="a" href={`/api/workspaces/${workspace.id}/audit.csv${csvQuery ? `?${csvQuery}` : ''}`} variant="default" leftSection={<IconDownload size={16} />} data-action="export-csv">
            Export CSV
          </Button>
        }
      />
      <Paper withBorder radius="md">
        <Group px="md" pt="md" gap="sm" wrap="wrap" align="flex-end" data-testid="audit-filters">
          <Select label="Action" size="xs" w={230} clearable searchable placeholder="Any action" data={[...auditActions]} value={filters.action} onChange={(value) => set('action', value)} />
          <Select
            label="Who"
            size="xs"
            w={200}
            clearable
            placeholder="Anyone"
            data={(members?.members ?? []).map((member) => ({ value: String(member.user_id), label: member.name ?? member.email ?? `User ${member.user_id}` }))}
            value={filters.actor_user_id}
            onChange={(value) => set('actor_user_id', value)}
          />
          <TextInput label="From (day, UTC)" type="date" size="xs" value={day(filters.from)} onChange={(event) => set('from', event.currentTarget.value ? `${event.currentTarget.value}T00:00:00Z` : null)} />
          <TextInput
            label="To (day, UTC, included)"
            type="date"
            size="xs"
            value={filters.to ? new Date(Date.parse(filters.to) - 86_400_000).toISOString().slice(0, 10) : ''}
            onChange={(event) => set('to', event.currentTarget.value ? new Date(Date.parse(`${event.currentTarget.value}T00:00:00Z`) + 86_400_000).toISOString() : null)}
          />
          {filters.tenant_id && (
            <Text size="xs">
              Tenant #{filters.tenant_id} only ·{' '}
              <Anchor component="button" type="button" size="xs" onClick={() => set('tenant_id', null)}>
                all tenants
              </Anchor>
            </Text>
          )}
        </Group>
        {entries.isPending ? (
          <PageLoader />
        ) : entries.isError ? (
          <div style={{ padding: 16 }}>
            <LoadError error={entries.error} title="Could not load the trail" onRetry={() => void entries.refetch()} retrying={entries.isFetching} />
          </div>
        ) : rows.length === 0 ? (
          <EmptyState icon={IconHistory} title="No entries" description={csvQuery ? 'Nothing matches these filters.' : 'Nothing has happened in this workspace yet.'} />
        ) : (
          <>
            <AuditEntriesTable entries={rows} />
            <LoadMore query={entries} />
          </>
        )}
      </Paper>
    </>
  );
}
