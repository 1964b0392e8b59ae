import { useEffect } from 'react';
import { Notifications } from '@mantine/notifications';
import { Outlet, useNavigate } from 'react-router';
import { onUnauthorized } from '../api/client';
import { paths } from '../paths';

/** Top of every route: sends 401s to the sign-in page (remembering where the user was) and hosts notifications. */
export function RootLayout() {
  const navigate = useNavigate();

  useEffect(() => {
    onUnauthorized(() => {
      const here = window.location.pathname + window.location.search;
      if (window.location.pathname !== '/sign-in') void navigate(paths.signIn(here), { replace: true });
    });
  }, [navigate]);

  return (
    <>
      {/* Inside the router so notifications can carry router links ("View run"); bottom-right keeps page actions uncovered. */}
      <Notifications position="bottom-right" limit={4} />
      <Outlet />
    </>
  );
}
