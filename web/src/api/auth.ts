import { apiRequest, forgetCsrfToken } from './client';
import type { User } from './types';

export async function signIn(email: string, password: string): Promise<User> {
  const { user } = await apiRequest<{ user: User }>('POST', '/api/auth/login', {
    body: { email, password },
    allowUnauthorized: true,
    csrf: false,
  });
  forgetCsrfToken();
  return user;
}

export async function signOut(): Promise<void> {
  await apiRequest<void>('POST', '/api/auth/logout', { allowUnauthorized: true });
  forgetCsrfToken();
}
