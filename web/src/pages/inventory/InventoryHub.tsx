import { Tabs } from '@mantine/core';
import { IconChartPie, IconHistory, IconList } from '@tabler/icons-react';
import { Outlet, useLocation, useNavigate, useOutletContext } from 'react-router';
import { PageHeader } from '../../components/common/PageHeader';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';
import { useScopedTenant } from '../tenants/TenantScope';
import { InventoryKpiHeader } from './InventoryKpiHeader';
import { SyncPanel } from './SyncPanel';

type HubPage = 'items' | 'sync-runs' | 'coverage';

const HUB_PAGE_TITLES: Record<HubPage, string> = { items: 'Items', 'sync-runs': 'Sync runs', coverage: 'Coverage' };

/**
 * The inventory hub (seed 000): one section for every member, with Items, Sync runs and Coverage under the same
 * header and the same "Sync now". The sub-page is part of the URL, so a link or a reload lands on it.
 */
export function InventoryHub() {
  const tenant = useScopedTenant();
  // The hub's pages read the tenant the same way: pass the tenant scope's context on to them.
  const tenantContext = useOutletContext();
  const { workspace } = useWorkspace();
  const tenantId = String(tenant.id);
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current: HubPage = pathname.includes('/inventory/sync-runs') ? 'sync-runs' : pathname.includes('/inventory/coverage') ? 'coverage' : 'items';
  const hrefOf: Record<HubPage, string> = {
    items: paths.inventoryItems(workspace, tenantId),
    'sync-runs': paths.inventorySyncRuns(workspace, tenantId),
    coverage: paths.inventoryCoverage(workspace, tenantId),
  };

  return (
    <>
      <PageHeader title="Inventory" documentTitle={/\/inventory\/items\/[^/]+$/.test(pathname) ? [] : [HUB_PAGE_TITLES[current], 'Inventory', tenant.name]} description={`What is configured in ${tenant.name}'s Intune, as the last sync read it from Microsoft Graph.`} />
      <SyncPanel tenant={tenant} />
      <InventoryKpiHeader tenantId={tenantId} workspaceSlug={workspace.slug} />
      {/* Narrower tab padding: the three tabs share one row down to a phone's 390 px. */}
      <Tabs value={current} onChange={(value) => value && void navigate(hrefOf[value as HubPage])} mb="md" styles={{ tab: { paddingInline: 'var(--mantine-spacing-xs)' } }}>
        <Tabs.List aria-label="Inventory pages">
          <Tabs.Tab value="items" leftSection={<IconList size={16} />} data-hub-tab="items">
            Items
          </Tabs.Tab>
          <Tabs.Tab value="sync-runs" leftSection={<IconHistory size={16} />} data-hub-tab="sync-runs">
            Sync runs
          </Tabs.Tab>
          <Tabs.Tab value="coverage" leftSection={<IconChartPie size={16} />} data-hub-tab="coverage">
            Coverage
          </Tabs.Tab>
        </Tabs.List>
        {/* Every tab controls a real panel (ARIA tabs pattern); only the current one holds the page. */}
        {(['items', 'sync-runs', 'coverage'] as const).map((page) => (
          <Tabs.Panel key={page} value={page} pt="md">
            {page === current && <Outlet context={tenantContext} />}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
