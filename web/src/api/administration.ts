import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import { queryKeys } from './query-keys';
import type { ApiSchemas, Id } from './types';

// Workspace administration (issue 8): members and invitations, the audit trail, your own API tokens, and the
// public invitation link.

export type Member = ApiSchemas['Member'];
export type Invitation = ApiSchemas['Invitation'];
export type MembersList = ApiSchemas['MembersList'];
export type AddMemberResult = ApiSchemas['AddMemberResult'];
export type AuditEntry = ApiSchemas['AuditEntry'];
export type AuditPage = ApiSchemas['AuditPage'];
export type ApiToken = ApiSchemas['ApiToken'];
export type CreatedApiToken = ApiSchemas['CreatedApiToken'];
export type InvitationPreview = ApiSchemas['InvitationPreview']['invitation'];
export const roleOptions = [
  { value: 'readonly', label: 'Readonly' },
  { value: 'operator', label: 'Operator' },
  { value: 'manager', label: 'Manager' },
  { value: 'owner', label: 'Owner' },
] as const;

export function useMembers(workspaceId: Id) {
  return useQuery({ queryKey: queryKeys.members(workspaceId), queryFn: () => apiRequest<MembersList>('GET', `/api/workspaces/${workspaceId}/members`) });
}

/** Every membership change invalidates the members and the trail (which just gained an entry). */
function useMembershipMutation<I, R>(workspaceId: Id, mutationFn: (input: I) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.members(workspaceId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit(workspaceId) });
    },
  });
}

export const useAddMember = (workspaceId: Id) =>
  useMembershipMutation(workspaceId, (input: { email: string; role: string }) => apiRequest<AddMemberResult>('POST', `/api/workspaces/${workspaceId}/members`, { body: input }));
export const useChangeRole = (workspaceId: Id) =>
  useMembershipMutation(workspaceId, (input: { userId: Id; role: string }) =>
    apiRequest<{ member: Member }>('PATCH', `/api/workspaces/${workspaceId}/members/${input.userId}`, { body: { role: input.role } }).then((r) => r.member),
  );
export const useRemoveMember = (workspaceId: Id) =>
  useMembershipMutation(workspaceId, (userId: Id) => apiRequest<void>('DELETE', `/api/workspaces/${workspaceId}/members/${userId}`));
export const useWithdrawInvitation = (workspaceId: Id) =>
  useMembershipMutation(workspaceId, (invitationId: Id) => apiRequest<void>('DELETE', `/api/workspaces/${workspaceId}/invitations/${invitationId}`));

export interface AuditFilters {
  action: string | null;
  actor_user_id: string | null;
  tenant_id: string | null;
  from: string | null;
  to: string | null;
}

export function auditQueryString(filters: Partial<AuditFilters>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  return query.toString();
}

export function useAuditEntries(workspaceId: Id, filters: Partial<AuditFilters>, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: queryKeys.auditList(workspaceId, { ...filters, pageSize }),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams(auditQueryString(filters));
      query.set('limit', String(pageSize));
      if (pageParam) query.set('cursor', pageParam);
      return apiRequest<AuditPage>('GET', `/api/workspaces/${workspaceId}/audit?${query.toString()}`);
    },
    getNextPageParam: (lastPage) => lastPage.next_cursor,
  });
}

export function useMyTokens() {
  return useQuery({ queryKey: queryKeys.myTokens, queryFn: () => apiRequest<{ tokens: ApiToken[] }>('GET', '/api/me/tokens').then((r) => r.tokens) });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; expires_at: string | null }) => apiRequest<CreatedApiToken>('POST', '/api/me/tokens', { body: input }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.myTokens }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: Id) => apiRequest<void>('DELETE', `/api/me/tokens/${tokenId}`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.myTokens }),
  });
}

export function useInvitation(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => apiRequest<{ invitation: InvitationPreview }>('GET', `/api/invitations/${encodeURIComponent(token)}`, { allowUnauthorized: true }).then((r) => r.invitation),
    retry: false,
  });
}

export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name?: string; password?: string }) =>
      apiRequest<{ user: ApiSchemas['User']; workspace_id: number }>('POST', `/api/invitations/${encodeURIComponent(token)}/accept`, { body: input, csrf: false, allowUnauthorized: true }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}

export type AccountSession = ApiSchemas['AccountSession'];

export function useMySessions() {
  return useQuery({ queryKey: queryKeys.mySessions, queryFn: () => apiRequest<{ sessions: AccountSession[] }>('GET', '/api/me/sessions').then((r) => r.sessions) });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => apiRequest<void>('DELETE', `/api/me/sessions/${encodeURIComponent(sessionId)}`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.mySessions }),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { current_password: string; new_password: string }) => apiRequest<{ other_sessions_ended: number }>('POST', '/api/me/password', { body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.mySessions }),
  });
}
