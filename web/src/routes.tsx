import { createBrowserRouter, Navigate } from 'react-router';
import { NotFound } from './components/common/NotFound';
import { ConsoleShell } from './layout/ConsoleShell';
import { RequireSession } from './layout/RequireSession';
import { RootLayout } from './layout/RootLayout';
import { WorkspaceScope } from './layout/WorkspaceScope';
import { SignInPage } from './pages/auth/SignInPage';
import { CoveragePage } from './pages/inventory/CoveragePage';
import { InventoryHub } from './pages/inventory/InventoryHub';
import { ItemPage } from './pages/inventory/ItemPage';
import { ItemsPage } from './pages/inventory/ItemsPage';
import { SyncRunsPage } from './pages/inventory/SyncRunsPage';
import { OperationsIndexPage } from './pages/operations/OperationsIndexPage';
import { RunViewerRoute } from './pages/operations/RunViewerRoute';
import { TenantDetailPage } from './pages/tenants/TenantDetailPage';
import { TenantListPage } from './pages/tenants/TenantListPage';
import { TenantScope } from './pages/tenants/TenantScope';
import { WorkspaceChooserPage } from './pages/WorkspaceChooserPage';

export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      {
        element: <RequireSession />,
        children: [
          { path: '/', element: <WorkspaceChooserPage /> },
          {
            path: '/w/:workspaceRef',
            element: <WorkspaceScope />,
            children: [
              { index: true, element: <Navigate to="tenants" replace /> },
              { path: 'tenants', element: <TenantListPage /> },
              {
                path: 'tenants/:tenantId',
                element: <TenantScope />,
                children: [
                  { index: true, element: <TenantDetailPage /> },
                  { path: 'operations', element: <OperationsIndexPage /> },
                  {
                    path: 'inventory',
                    element: <InventoryHub />,
                    children: [
                      { index: true, element: <Navigate to="items" replace /> },
                      { path: 'items', element: <ItemsPage /> },
                      { path: 'items/:itemId', element: <ItemPage /> },
                      { path: 'sync-runs', element: <SyncRunsPage /> },
                      { path: 'coverage', element: <CoveragePage /> },
                    ],
                  },
                ],
              },
              { path: '*', element: <NotFound /> },
            ],
          },
          { path: '/operations/:runId', element: <RunViewerRoute /> },
          {
            path: '*',
            element: (
              <ConsoleShell workspace={null} tenantId={null}>
                <NotFound />
              </ConsoleShell>
            ),
          },
        ],
      },
    ],
  },
]);
