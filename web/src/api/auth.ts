import { useQuery } from '@tanstack/react-query';
import { answer, api, forgetCsrfToken } from './client';
import type { User } from './types';

export async function signIn(email: string, password: string): Promise<User> {
  const { user } = await answer(api.POST('/api/auth/login', { body: { email, password } }), { allowUnauthorized: true });
  forgetCsrfToken();
  return user;
}

export async function signOut(): Promise<void> {
  await answer(api.POST('/api/auth/logout'), { allowUnauthorized: true });
  forgetCsrfToken();
}

/** Whether this server offers sign-in with Microsoft Entra ID (it does only when configured). */
export function useSignInMethods() {
  return useQuery({
    queryKey: ['sign-in-methods'],
    queryFn: () => answer(api.GET('/api/auth/methods'), { allowUnauthorized: true }),
    staleTime: Infinity,
  });
}

/**
 * Signing in with Microsoft is two full-page navigations (to Microsoft and back), not an API call: this is where the
 * browser goes. With an invitation token, coming back accepts that invitation.
 */
export function entraIdSignInUrl(invitationToken?: string): string {
  return invitationToken ? `/api/auth/entra-id/start?invitation=${encodeURIComponent(invitationToken)}` : '/api/auth/entra-id/start';
}

/** Why the last sign-in with Microsoft in this browser did not complete (404 when none did). */
export function useEntraIdProblem() {
  return useQuery({
    queryKey: ['entra-id-problem'],
    queryFn: () => answer(api.GET('/api/auth/entra-id/problem'), { allowUnauthorized: true }),
    retry: false,
  });
}
