import { Outlet } from 'react-router';
import { useLifecycleCatalog } from '../api/lifecycle';
import { useMe } from '../api/me';
import { isApiError } from '../api/client';
import { LoadError } from '../components/common/LoadError';
import { PageLoader } from '../components/common/PageLoader';

/**
 * Everything behind sign-in waits for the session (`/api/me`) and the lifecycle catalogue, so no page
 * ever renders a lifecycle without its variant flags. A 401 has already redirected via the API client.
 */
export function RequireSession() {
  const me = useMe();
  const lifecycle = useLifecycleCatalog();

  if (me.isPending || lifecycle.isPending) return <PageLoader />;
  if (me.isError) return isApiError(me.error, 401) ? <PageLoader /> : <LoadError error={me.error} pageTitle onRetry={() => void me.refetch()} retrying={me.isFetching} />;
  if (lifecycle.isError) return <LoadError error={lifecycle.error} pageTitle onRetry={() => void lifecycle.refetch()} retrying={lifecycle.isFetching} />;
  return <Outlet />;
}
