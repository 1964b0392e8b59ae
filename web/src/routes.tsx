import { createBrowserRouter, Navigate } from 'react-router';
import { NotFound } from './components/common/NotFound';
import { ConsoleShell } from './layout/ConsoleShell';
import { RequireSession } from './layout/RequireSession';
import { RootLayout } from './layout/RootLayout';
import { WorkspaceScope } from './layout/WorkspaceScope';
import { AccountPage } from './pages/account/AccountPage';
import { AuditPage } from './pages/audit/AuditPage';
import { EntraIdProblemPage } from './pages/auth/EntraIdProblemPage';
import { InvitationPage } from './pages/auth/InvitationPage';
import { SignInPage } from './pages/auth/SignInPage';
import { MembersPage } from './pages/members/MembersPage';
import { TenantDashboardPage } from './pages/dashboard/TenantDashboardPage';
import { FindingPage } from './pages/findings/FindingPage';
import { FindingsPage } from './pages/findings/FindingsPage';
import { CoveragePage } from './pages/inventory/CoveragePage';
import { InventoryHub } from './pages/inventory/InventoryHub';
import { ItemPage } from './pages/inventory/ItemPage';
import { ItemsPage } from './pages/inventory/ItemsPage';
import { SyncRunsPage } from './pages/inventory/SyncRunsPage';
import { OperationsIndexPage } from './pages/operations/OperationsIndexPage';
import { RunViewerRoute } from './pages/operations/RunViewerRoute';
import { TenantListPage } from './pages/tenants/TenantListPage';
import { TenantScope } from './pages/tenants/TenantScope';
import { PortfolioPage } from './pages/portfolio/PortfolioPage';
import { WorkspaceChooserPage } from './pages/WorkspaceChooserPage';

export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/sign-in/microsoft', element: <EntraIdProblemPage /> },
      { path: '/invitations/:token', element: <InvitationPage /> },
      {
        element: <RequireSession />,
        children: [
          { path: '/', element: <WorkspaceChooserPage /> },
          {
            path: '/w/:workspaceRef',
            element: <WorkspaceScope />,
            children: [
              { index: true, element: <Navigate to="portfolio" replace /> },
              { path: 'portfolio', element: <PortfolioPage /> },
              { path: 'tenants', element: <TenantListPage /> },
              { path: 'members', element: <MembersPage /> },
              { path: 'audit', element: <AuditPage /> },
              {
                path: 'tenants/:tenantId',
                element: <TenantScope />,
                children: [
                  { index: true, element: <TenantDashboardPage /> },
                  { path: 'findings', element: <FindingsPage /> },
                  { path: 'findings/:findingId', element: <FindingPage /> },
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
          { path: '/account', element: <AccountPage /> },
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
