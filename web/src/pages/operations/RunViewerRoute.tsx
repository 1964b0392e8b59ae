import { useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useMe } from '../../api/me';
import { useRunView } from '../../api/operations';
import { LoadError } from '../../components/common/LoadError';
import { NotFound } from '../../components/common/NotFound';
import { PageLoader } from '../../components/common/PageLoader';
import { ConsoleShell } from '../../layout/ConsoleShell';
import { WorkspaceContext, workspaceScope } from '../../layout/workspace-context';
import { useTenantEvents } from '../../live/useTenantEvents';
import { RunViewerPage } from './RunViewerPage';

/**
 * `/operations/:run_id` lives outside `/w/...` because a run is addressed by its id alone; the workspace
 * frame comes from the run itself once the server has authorized the viewer.
 */
export function RunViewerRoute() {
  const { runId = '' } = useParams();
  const { data: me } = useMe();
  const viewQuery = useRunView(runId);
  const run = viewQuery.data?.run;
  const workspace = run ? (me?.workspaces.find((w) => String(w.id) === String(run.workspace_id)) ?? null) : null;
  // Live: the viewer follows the run through its tenant's event stream.
  useTenantEvents(run?.tenant_id !== null && run?.tenant_id !== undefined ? String(run.tenant_id) : null);

  let content;
  if (viewQuery.isPending) content = <PageLoader />;
  else if (viewQuery.isError)
    content = isApiError(viewQuery.error, 404) ? (
      <NotFound title="Run not found" description="This run does not exist, or you do not have access to it." />
    ) : (
      <LoadError error={viewQuery.error} title="Could not load this run" pageTitle onRetry={() => void viewQuery.refetch()} retrying={viewQuery.isFetching} />
    );
  else content = <RunViewerPage view={viewQuery.data} workspace={workspace} />;

  const shell = (
    <ConsoleShell workspace={workspace} tenantId={run?.tenant_id != null ? String(run.tenant_id) : null}>
      {content}
    </ConsoleShell>
  );
  return workspace ? <WorkspaceContext.Provider value={workspaceScope(workspace)}>{shell}</WorkspaceContext.Provider> : shell;
}
