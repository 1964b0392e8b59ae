import { useState } from 'react';
import { Group, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useLocation, useNavigate } from 'react-router';
import { useTenant, useTenantSearch } from '../api/tenants';
import type { Tenant, Workspace } from '../api/types';
import { LifecycleIcon } from '../components/lifecycle/LifecycleIcon';
import { LifecyclePresentation } from '../components/lifecycle/LifecyclePresentation';
import { paths } from '../paths';

interface TenantSelectorProps {
  workspace: Workspace;
  tenantId: string | null;
}

/**
 * Header control to choose the tenant to work in; each option shows the lifecycle "selector" variant. It asks
 * the server for the first tenants matching what is typed (never the whole workspace), and it says when the
 * list could not be loaded instead of claiming there are no tenants.
 */
export function TenantSelector({ workspace, tenantId }: TenantSelectorProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const { data: current } = useTenant(tenantId);
  const selected = current && String(current.workspace_id) === String(workspace.id) ? current : undefined;
  // While the field shows the chosen tenant's name, list everything rather than only that name.
  const query = selected && debounced === selected.name ? '' : debounced;
  const results = useTenantSearch(workspace.id, query);
  const navigate = useNavigate();
  const location = useLocation();

  const found = results.data?.tenants ?? [];
  const options = selected && !found.some((t) => t.id === selected.id) ? [selected, ...found] : found;
  const byId = new Map<string, Tenant>(options.map((t) => [String(t.id), t]));
  const total = results.data ? Object.values(results.data.status_counts).reduce((sum, n) => sum + n, 0) : 0;
  const emptyWorkspace = results.isSuccess && !query && total === 0;
  const items = options.map((t) => ({ value: String(t.id), label: t.name }));
  // The server answers the first few matches; when there are more, the list says so and how to reach them.
  const data =
    total > found.length
      ? [{ group: query ? `First ${found.length} of ${total} matches · type more to narrow` : `First ${found.length} of ${total} · type to search`, items }]
      : items;

  const choose = (id: string | null) => {
    if (!id) return;
    // Stay on the same kind of page when switching tenants (operations stays operations).
    // Switching tenants keeps the section: operations to operations, inventory to the same inventory page.
    const section = /\/tenants\/[^/]+\/(operations|inventory\/(?:items|sync-runs|coverage))/.exec(location.pathname)?.[1];
    void navigate(section ? `${paths.tenant(workspace, id)}/${section}` : paths.tenant(workspace, id));
  };

  return (
    <Select
      // The shown tenant is part of the name (WCAG 2.5.3): speech users say what they see.
      aria-label={selected ? `Tenant: ${selected.name}` : 'Tenant'}
      data-testid="tenant-selector"
      placeholder={results.isError ? 'Tenants could not be loaded' : emptyWorkspace ? 'No tenants yet' : 'Choose a tenant'}
      disabled={emptyWorkspace}
      data={data}
      value={selected ? String(selected.id) : null}
      onChange={choose}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already searched; show what it answered.
      filter={({ options: all }) => all}
      nothingFoundMessage={results.isError ? 'Could not load tenants; try again' : results.isFetching ? 'Searching…' : 'No tenant with that name'}
      allowDeselect={false}
      w={{ base: 180, sm: 300 }}
      leftSection={selected ? <LifecycleIcon presentation={selected.lifecycle} /> : undefined}
      comboboxProps={{ width: 380, position: 'bottom-start', shadow: 'md' }}
      maxDropdownHeight={420}
      renderOption={({ option }) => {
        const tenant = byId.get(option.value);
        if (!tenant) return option.label;
        return (
          <Stack gap={4} py={4} w="100%">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600} truncate>
                {tenant.name}
              </Text>
            </Group>
            <LifecyclePresentation presentation={tenant.lifecycle} surface="selector" />
          </Stack>
        );
      }}
    />
  );
}
