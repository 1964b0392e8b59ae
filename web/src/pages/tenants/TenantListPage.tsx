import { useEffect, useState } from 'react';
import { Badge, Button, Center, Group, Loader, Paper, ScrollArea, SegmentedControl, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconFilterOff, IconPlus, IconSearch } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useLifecycleCatalog } from '../../api/lifecycle';
import { TENANT_PAGE_SIZE, useTenantPages } from '../../api/tenants';
import { fullLabelBadgeStyles } from '../../components/common/badge-styles';
import { EmptyState } from '../../components/common/EmptyState';
import { LoadError } from '../../components/common/LoadError';
import { PageHeader } from '../../components/common/PageHeader';
import { PageLoader } from '../../components/common/PageLoader';
import { ALL_LIFECYCLES_FILTER, asLifecycleFilter, lifecycleFilterOptions } from '../../components/lifecycle/lifecycle-filter';
import { useWorkspace } from '../../layout/workspace-context';
import { CreateTenantModal } from './CreateTenantModal';
import { TenantsTable } from './TenantsTable';

/**
 * The workspace's tenants, a page at a time (SPEC §4): the server searches, filters by lifecycle and counts
 * per lifecycle for the chips, so a workspace of 500 tenants loads 50 and says how many there are. Search and
 * filter live in the URL, so a filtered list can be linked and survives a reload.
 */
export function TenantListPage() {
  const { workspace, can } = useWorkspace();
  const { data: catalog } = useLifecycleCatalog();
  const [searchParams, setSearchParams] = useSearchParams();
  const lifecycle = asLifecycleFilter(searchParams.get('lifecycle'));
  const [search, setSearch] = useState(searchParams.get('q') ?? '');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250);
  const tenantsQuery = useTenantPages(workspace.id, debouncedSearch, lifecycle);
  const [createOpened, createModal] = useDisclosure(false);

  useEffect(() => {
    const next = new URLSearchParams(searchParams);
    if (debouncedSearch) next.set('q', debouncedSearch);
    else next.delete('q');
    if (next.toString() !== searchParams.toString()) setSearchParams(next, { replace: true });
  }, [debouncedSearch, searchParams, setSearchParams]);

  const canCreate = can('manage_tenants');
  const createButton = canCreate && (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={createModal.open}>
      Create tenant
    </Button>
  );

  const setLifecycleFilter = (value: string) => {
    const next = new URLSearchParams(searchParams);
    if (value === ALL_LIFECYCLES_FILTER) next.delete('lifecycle');
    else next.set('lifecycle', value);
    setSearchParams(next, { replace: true });
  };
  const clearFilters = () => {
    setSearch('');
    setSearchParams({}, { replace: true });
  };

  if (tenantsQuery.isPending) return <PageLoader />;
  if (tenantsQuery.isError && !tenantsQuery.data) {
    return <LoadError error={tenantsQuery.error} title="Could not load the tenants" pageTitle onRetry={() => void tenantsQuery.refetch()} retrying={tenantsQuery.isFetching} />;
  }

  const pages = tenantsQuery.data.pages;
  const counts = pages[0]?.status_counts;
  const tenants = pages.flatMap((page) => page.tenants);
  const matching = counts ? Object.values(counts).reduce((sum, count) => sum + count, 0) : 0;
  const inFilter = lifecycle && counts ? counts[lifecycle] : matching;
  const workspaceIsEmpty = !debouncedSearch && matching === 0;
  const filterOptions = lifecycleFilterOptions(catalog, counts);
  const updating = tenantsQuery.isPlaceholderData;

  return (
    <>
      <PageHeader
        title="Tenants"
        documentTitle={['Tenants', workspace.name]}
        description={describeList(workspace.name, { matching, inFilter, search: debouncedSearch, filtered: lifecycle !== null })}
        actions={createButton}
      />

      {workspaceIsEmpty ? (
        <Paper withBorder radius="md">
          <EmptyState
            icon={IconBuildingSkyscraper}
            title="No tenants yet"
            description="Add the Microsoft 365 tenants this workspace manages. Each starts as a draft until it is onboarded."
            action={createButton}
          />
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Group justify="space-between" p="md" gap="sm" wrap="wrap">
            <ScrollArea type="auto" offsetScrollbars maw="100%">
              <SegmentedControl
                aria-label="Filter by lifecycle"
                data-testid="lifecycle-filter"
                size="xs"
                value={lifecycle ?? ALL_LIFECYCLES_FILTER}
                onChange={setLifecycleFilter}
                data={[
                  { value: ALL_LIFECYCLES_FILTER, label: <FilterLabel label="All" count={matching} /> },
                  ...filterOptions.map((option) => ({ value: option.value, label: <FilterLabel label={option.label} count={option.count} /> })),
                ]}
              />
            </ScrollArea>
            <TextInput
              label="Search tenants"
              placeholder="Name, domain or Entra tenant ID"
              leftSection={<IconSearch size={14} aria-hidden />}
              rightSection={updating ? <Loader size={12} aria-label="Searching" /> : undefined}
              size="xs"
              w={{ base: '100%', xs: 280 }}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              data-testid="tenant-search"
            />
          </Group>
          <Text size="xs" c="dimmed" px="md" pb="xs" data-testid="tenant-list-count" aria-live="polite">
            {tenants.length === 0 ? 'No tenants match.' : `Showing ${tenants.length} of ${inFilter}`}
          </Text>
          {tenants.length === 0 ? (
            <EmptyState
              icon={IconFilterOff}
              title="No tenants match"
              description={debouncedSearch ? `Nothing matches “${debouncedSearch}”${lifecycle ? ' with this lifecycle' : ''}.` : 'No tenant has this lifecycle.'}
              action={
                <Button variant="default" size="xs" onClick={clearFilters}>
                  Clear search and filter
                </Button>
              }
            />
          ) : (
            <>
              <TenantsTable workspace={workspace} tenants={tenants} unloaded={Math.max(0, inFilter - tenants.length)} />
              {tenantsQuery.hasNextPage && (
                <Center py="md">
                  <Button variant="default" size="xs" loading={tenantsQuery.isFetchingNextPage} onClick={() => void tenantsQuery.fetchNextPage()} data-testid="load-more-tenants">
                    {inFilter > tenants.length ? `Load ${Math.min(TENANT_PAGE_SIZE, inFilter - tenants.length)} more (${inFilter - tenants.length} not shown yet)` : 'Load more'}
                  </Button>
                </Center>
              )}
            </>
          )}
        </Paper>
      )}

      {canCreate && <CreateTenantModal workspace={workspace} opened={createOpened} onClose={createModal.close} />}
    </>
  );
}

/** What the header says the list holds, true to the search and filter shown. */
function describeList(workspaceName: string, list: { matching: number; inFilter: number; search: string; filtered: boolean }): string {
  const tenants = (n: number) => `${n} ${n === 1 ? 'tenant' : 'tenants'}`;
  if (list.search) return `${tenants(list.filtered ? list.inFilter : list.matching)} in ${workspaceName} match “${list.search}”`;
  if (list.filtered) return `${list.inFilter} of ${tenants(list.matching)} in ${workspaceName}`;
  return list.matching === 0 ? `No tenants in ${workspaceName} yet` : `${tenants(list.matching)} in ${workspaceName}`;
}

function FilterLabel({ label, count }: { label: string; count: number }) {
  return (
    <Group gap={6} wrap="nowrap" px={4}>
      <span>{label}</span>
      <Badge size="sm" variant="light" color="gray" styles={fullLabelBadgeStyles}>
        {count}
      </Badge>
    </Group>
  );
}
