import type { ReactNode } from 'react';
import { NavLink, Stack, Text } from '@mantine/core';
import { IconActivity, IconBuildingSkyscraper, IconChartGridDots, IconDatabase, IconHistory, IconLayoutDashboard, IconShieldSearch, IconUsers } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import type { Workspace } from '../api/types';
import { useTenant } from '../api/tenants';
import { paths } from '../paths';

interface WorkspaceNavProps {
  workspace: Workspace;
  tenantId: string | null;
  onNavigate: () => void;
}

export function WorkspaceNav({ workspace, tenantId, onNavigate }: WorkspaceNavProps) {
  const { pathname } = useLocation();
  const { data: tenant } = useTenant(tenantId);
  // A tenant's navigation appears only once the tenant is known to exist here: a missing (or not-yours) id
  // gets the not-found page without links to its "Overview" and "Operations".
  const tenantHere = tenant && String(tenant.workspace_id) === String(workspace.id) ? tenant : null;
  const tenantsPath = paths.tenants(workspace);

  return (
    <Stack gap={4}>
      <SectionLabel>Workspace</SectionLabel>
      <NavLink
        component={Link}
        to={paths.portfolio(workspace)}
        onClick={onNavigate}
        label="Portfolio"
        leftSection={<IconChartGridDots size={18} stroke={1.6} />}
        active={pathname === paths.portfolio(workspace)}
      />
      <NavLink
        component={Link}
        to={tenantsPath}
        onClick={onNavigate}
        label="Tenants"
        leftSection={<IconBuildingSkyscraper size={18} stroke={1.6} />}
        active={pathname === tenantsPath}
      />
      <NavLink
        component={Link}
        to={paths.members(workspace)}
        onClick={onNavigate}
        label="Members"
        leftSection={<IconUsers size={18} stroke={1.6} />}
        active={pathname === paths.members(workspace)}
      />
      <NavLink
        component={Link}
        to={paths.audit(workspace)}
        onClick={onNavigate}
        label="Audit trail"
        leftSection={<IconHistory size={18} stroke={1.6} />}
        active={pathname === paths.audit(workspace)}
      />
      {tenantId && tenantHere && (
        <>
          <SectionLabel>{tenantHere.name}</SectionLabel>
          <NavLink
            component={Link}
            to={paths.tenant(workspace, tenantId)}
            onClick={onNavigate}
            label="Overview"
            leftSection={<IconLayoutDashboard size={18} stroke={1.6} />}
            active={pathname === paths.tenant(workspace, tenantId)}
          />
          <NavLink
            component={Link}
            to={paths.findings(workspace, tenantId)}
            onClick={onNavigate}
            label="Findings"
            leftSection={<IconShieldSearch size={18} stroke={1.6} />}
            active={pathname.startsWith(paths.findings(workspace, tenantId))}
          />
          <NavLink
            component={Link}
            to={paths.inventory(workspace, tenantId)}
            onClick={onNavigate}
            label="Inventory"
            leftSection={<IconDatabase size={18} stroke={1.6} />}
            active={pathname.startsWith(paths.inventory(workspace, tenantId))}
          />
          <NavLink
            component={Link}
            to={paths.tenantOperations(workspace, tenantId)}
            onClick={onNavigate}
            label="Operations"
            leftSection={<IconActivity size={18} stroke={1.6} />}
            active={pathname === paths.tenantOperations(workspace, tenantId) || pathname.startsWith('/operations/')}
          />
        </>
      )}
    </Stack>
  );
}

function SectionLabel({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4} truncate style={{ letterSpacing: 0.4 }}>
      {children}
    </Text>
  );
}
