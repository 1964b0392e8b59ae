import { Badge, Button, Group, Paper, Select, Tabs, Text } from '@mantine/core';
import { IconActivity } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useOperationTypes, useRuns } from '../../api/operations';
import type { RunsTab } from '../../api/types';
import { EmptyState } from '../../components/common/EmptyState';
import { LoadMore } from '../../components/common/LoadMore';
import { LoadError } from '../../components/common/LoadError';
import { PageHeader } from '../../components/common/PageHeader';
import { PageLoader } from '../../components/common/PageLoader';
import { useScopedTenant } from '../tenants/TenantScope';
import { OperationsKpiHeader } from './OperationsKpiHeader';
import { RunsTable } from './RunsTable';

const TABS: { value: RunsTab; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'partial', label: 'Partial' },
  { value: 'failed', label: 'Failed' },
];

function asTab(value: string | null): RunsTab {
  return TABS.find((t) => t.value === value)?.value ?? 'all';
}

const EMPTY_TEXT: Record<RunsTab, string> = {
  all: 'No operations have run for this tenant yet.',
  active: 'Nothing is queued or running right now.',
  succeeded: 'No succeeded runs yet.',
  partial: 'No partial runs. Runs that finish with some failures show up here.',
  failed: 'No failed runs.',
};

/**
 * What an empty list says must be true of the filter shown: with a type filter, "none of this type" and how
 * many runs of other types there are; advice to verify only where verifying is possible for this viewer.
 */
function emptyDescription(tab: RunsTab, typeLabel: string | null, allTypesTotal: number, canVerifyHere: boolean): string {
  if (typeLabel) {
    const others = allTypesTotal === 0 ? 'No operation of any type has run for this tenant yet.' : `${allTypesTotal} run${allTypesTotal === 1 ? '' : 's'} of all types exist for this tenant.`;
    return `No ${typeLabel} runs ${tab === 'all' ? 'for this tenant' : 'in this tab'}. ${others}`;
  }
  if (tab === 'all' && canVerifyHere) return `${EMPTY_TEXT.all} Verifying the provider connection on the tenant's page is a good first one.`;
  return EMPTY_TEXT[tab];
}

/** Operations index of one tenant (seed 000): KPI header, tabs with counts, type filter, keyset "Load more". */
export function OperationsIndexPage() {
  const tenant = useScopedTenant();
  const tenantId = String(tenant.id);
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = asTab(searchParams.get('tab'));
  const type = searchParams.get('type');
  const runsQuery = useRuns(tenantId, tab, type);
  const { data: types = [] } = useOperationTypes();

  const updateParams = (next: { tab?: RunsTab; type?: string | null }) => {
    const params = new URLSearchParams(searchParams);
    if (next.tab === 'all') params.delete('tab');
    else if (next.tab !== undefined) params.set('tab', next.tab);
    if (next.type === null) params.delete('type');
    else if (next.type !== undefined) params.set('type', next.type);
    setSearchParams(params, { replace: true });
  };

  const firstPage = runsQuery.data?.pages[0];
  const runs = runsQuery.data?.pages.flatMap((page) => page.runs) ?? [];
  const typeLabel = type ? (types.find((t) => t.type === type)?.label ?? type) : null;
  const canVerifyHere = tenant.operation_starts['provider.verify'].allowed;
  const tabHref = (target: RunsTab) => {
    const params = new URLSearchParams(searchParams);
    if (target === 'all') params.delete('tab');
    else params.set('tab', target);
    const query = params.toString();
    return query ? `?${query}` : '?';
  };

  return (
    <>
      <PageHeader title="Operations" documentTitle={['Operations', tenant.name]} description={`Every background run for ${tenant.name}, newest first.`} />
      <OperationsKpiHeader tenantId={tenantId} tabHref={tabHref} />

      <Paper withBorder radius="md">
        {/* Every tab controls a real panel (ARIA tabs pattern); only the selected one holds the list. */}
        <Tabs value={tab} onChange={(value) => updateParams({ tab: asTab(value) })} variant="pills" radius="md">
          <Group justify="space-between" px="md" pt="sm" wrap="wrap" gap="sm">
            <Tabs.List>
              {TABS.map(({ value, label }) => (
                <Tabs.Tab
                  key={value}
                  value={value}
                  data-tab={value}
                  rightSection={
                    <Badge size="md" variant={tab === value ? 'white' : 'light'} color={tab === value ? 'indigo' : 'gray'} data-testid={`tab-count-${value}`}>
                      {firstPage?.tab_counts[value] ?? 0}
                    </Badge>
                  }
                >
                  {label}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Select
              aria-label="Operation type"
              placeholder="All operation types"
              size="xs"
              w={220}
              clearable
              data={types.map((t) => ({ value: t.type, label: t.label }))}
              value={type}
              onChange={(value) => updateParams({ type: value })}
            />
          </Group>

          <Text size="xs" c="dimmed" px="md" pt={6} data-testid="tab-counts-scope">
            Tab counts: all time, {typeLabel ? `${typeLabel} runs only` : 'all types'}.
          </Text>

          {TABS.map(({ value }) => (
            <Tabs.Panel key={value} value={value}>
              {value === tab && (
                <>
                    {runsQuery.isPending || runsQuery.isPlaceholderData ? (
                      <PageLoader />
                    ) : runsQuery.isError ? (
                      <div style={{ padding: 16 }}>
                        <LoadError error={runsQuery.error} title="Could not load the runs" onRetry={() => void runsQuery.refetch()} retrying={runsQuery.isFetching} />
                      </div>
                    ) : runs.length === 0 ? (
                      <EmptyState
                        icon={IconActivity}
                        title={typeLabel ? `No ${typeLabel} runs here` : 'No runs here'}
                        description={emptyDescription(tab, typeLabel, firstPage?.all_types_total ?? 0, canVerifyHere)}
                        action={
                          typeLabel && (firstPage?.all_types_total ?? 0) > 0 ? (
                            <Button variant="default" size="xs" onClick={() => updateParams({ type: null })}>
                              Show all types
                            </Button>
                          ) : undefined
                        }
                      />
                    ) : (
                      <>
                        <RunsTable runs={runs} />
                        <LoadMore query={runsQuery} />
              </>
            )}
                </>
              )}
            </Tabs.Panel>
          ))}
        </Tabs>
      </Paper>
    </>
  );
}
