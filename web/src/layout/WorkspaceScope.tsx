import { Outlet, useParams } from 'react-router';
import { useMe } from '../api/me';
import { NotFound } from '../components/common/NotFound';
import { findWorkspace } from '../paths';
import { ConsoleShell } from './ConsoleShell';
import { WorkspaceContext, workspaceScope } from './workspace-context';

/** `/w/:workspaceRef/...`: resolves the workspace from the URL and frames its pages in the console shell. */
export function WorkspaceScope() {
  const { workspaceRef, tenantId } = useParams();
  const { data: me } = useMe();
  const workspace = findWorkspace(me?.workspaces ?? [], workspaceRef);

  if (!workspace) {
    return (
      <ConsoleShell workspace={null} tenantId={null}>
        <NotFound title="Workspace not found" description="This workspace does not exist, or you are not a member." />
      </ConsoleShell>
    );
  }

  return (
    <WorkspaceContext.Provider value={workspaceScope(workspace)}>
      <ConsoleShell workspace={workspace} tenantId={tenantId ?? null}>
        <Outlet />
      </ConsoleShell>
    </WorkspaceContext.Provider>
  );
}
