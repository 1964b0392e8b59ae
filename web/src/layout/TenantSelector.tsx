import { Group, Select, Stack, Text } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import { useTenants } from '../api/tenants';
import type { Tenant, Workspace } from '../api/types';
import { LifecycleIcon } from '../components/lifecycle/LifecycleIcon';
import { LifecyclePresentation } from '../components/lifecycle/LifecyclePresentation';
import { paths } from '../paths';

interface TenantSelectorProps {
  workspace: Workspace;
  tenantId: string | null;
}

/** Header control to choose the tenant to work in; each option shows the lifecycle "selector" variant. */
export function TenantSelector({ workspace, tenantId }: TenantSelectorProps) {
  const { data: tenants = [] } = useTenants(workspace.id);
  const navigate = useNavigate();
  const location = useLocation();
  const byId = new Map<string, Tenant>(tenants.map((t) => [String(t.id), t]));
  const selected = tenantId ? byId.get(String(tenantId)) : undefined;

  const choose = (id: string | null) => {
    if (!id) return;
    // Stay on the same kind of page when switching tenants (operations stays operations).
    const onOperations = location.pathname.endsWith('/operations');
    void navigate(onOperations ? paths.tenantOperations(workspace, id) : paths.tenant(workspace, id));
  };

  return (
    <Select
      // The shown tenant is part of the name (WCAG 2.5.3): speech users say what they see.
      aria-label={selected ? `Tenant: ${selected.name}` : 'Tenant'}
      data-testid="tenant-selector"
      placeholder={tenants.length === 0 ? 'No tenants yet' : 'Choose a tenant'}
      disabled={tenants.length === 0}
      data={tenants.map((t) => ({ value: String(t.id), label: t.name }))}
      value={selected ? String(selected.id) : null}
      onChange={choose}
      searchable
      nothingFoundMessage="No tenant with that name"
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
