import { useState } from 'react';
import { Badge, Button, Group, Paper, SegmentedControl, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconFilterOff, IconPlus, IconSearch } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useLifecycleCatalog } from '../../api/lifecycle';
import { useTenants } from '../../api/tenants';
import { EmptyState } from '../../components/common/EmptyState';
import { LoadError } from '../../components/common/LoadError';
import { PageHeader } from '../../components/common/PageHeader';
import { PageLoader } from '../../components/common/PageLoader';
import {
  ALL_LIFECYCLES_FILTER,
  lifecycleFilterOptions,
  matchesLifecycleFilter,
} from '../../components/lifecycle/lifecycle-filter';
import { useWorkspace } from '../../layout/workspace-context';
import { CreateTenantModal } from './CreateTenantModal';
import { TenantsTable } from './TenantsTable';

export function TenantListPage() {
  const { workspace, can } = useWorkspace();
  const tenantsQuery = useTenants(workspace.id);
  const { data: catalog } = useLifecycleCatalog();
  const [searchParams, setSearchParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const [createOpened, createModal] = useDisclosure(false);
  // The filter lives in the URL so a filtered list can be linked and survives a reload.
  const lifecycleFilter = searchParams.get('lifecycle') ?? ALL_LIFECYCLES_FILTER;

  const canCreate = can('manage_tenants');
  const createButton = canCreate && (
    <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
      Create tenant
    </Button>
  );

  if (tenantsQuery.isPending) return <PageLoader />;
  if (tenantsQuery.isError) return <LoadError error={tenantsQuery.error} />;

  const tenants = tenantsQuery.data;
  const needle = search.trim().toLowerCase();
  const visible = tenants.filter(
    (t) =>
      matchesLifecycleFilter(t, lifecycleFilter) &&
      (!needle || t.name.toLowerCase().includes(needle) || (t.domain ?? '').toLowerCase().includes(needle)),
  );
  const filterOptions = lifecycleFilterOptions(catalog?.states ?? [], tenants);

  const setLifecycleFilter = (value: string) =>
    setSearchParams(value === ALL_LIFECYCLES_FILTER ? {} : { lifecycle: value }, { replace: true });

  return (
    <>
      <PageHeader
        title="Tenants"
        description={`${tenants.length} ${tenants.length === 1 ? 'tenant' : 'tenants'} in ${workspace.name}`}
        actions={createButton}
      />

      {tenants.length === 0 ? (
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
            <SegmentedControl
              aria-label="Filter by lifecycle"
              data-testid="lifecycle-filter"
              size="xs"
              value={lifecycleFilter}
              onChange={setLifecycleFilter}
              data={[
                { value: ALL_LIFECYCLES_FILTER, label: <FilterLabel label="All" count={tenants.length} /> },
                ...filterOptions.map((option) => ({
                  value: option.value,
                  label: <FilterLabel label={option.label} count={option.count} />,
                })),
              ]}
            />
            <TextInput
              placeholder="Search by name or domain"
              leftSection={<IconSearch size={14} />}
              size="xs"
              w={240}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
            />
          </Group>
          {visible.length === 0 ? (
            <EmptyState
              icon={IconFilterOff}
              title="No tenants match"
              description="Try another lifecycle filter or search."
              action={
                <Button variant="subtle" size="xs" onClick={() => { setSearch(''); setLifecycleFilter(ALL_LIFECYCLES_FILTER); }}>
                  Clear filters
                </Button>
              }
            />
          ) : (
            <TenantsTable workspace={workspace} tenants={visible} />
          )}
        </Paper>
      )}

      {canCreate && <CreateTenantModal workspace={workspace} opened={createOpened} onClose={createModal.close} />}
    </>
  );
}

function FilterLabel({ label, count }: { label: string; count: number }) {
  return (
    <Group gap={6} wrap="nowrap" px={4}>
      <span>{label}</span>
      <Badge size="xs" variant="light" color="gray" circle={count < 10}>
        {count}
      </Badge>
    </Group>
  );
}
