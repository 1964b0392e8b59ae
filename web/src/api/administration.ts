import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api } from './client';
import { allValues, oneOf } from './enums';
import { queryKeys } from './query-keys';
import type { ApiSchemas, Id, QueryOf, RequestBody } from './types';

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
/** A workspace role (SPEC §5), as the members routes accept them. */
export type Role = RequestBody<'/api/workspaces/{workspace_id}/members', 'post'>['role'];
const roleLabels: Record<Role, string> = { readonly: 'Readonly', operator: 'Operator', manager: 'Manager', owner: 'Owner' };
export const roles = allValues<Role>()(['readonly', 'operator', 'manager', 'owner']);
export const roleOptions = roles.map((value) => ({ value, label: roleLabels[value] }));

/** The role a role menu picked; the menus offer only roleOptions. */
function asRole(value: string): Role {
  const role = oneOf(roles, value);
  if (!role) throw new Error(`Not a workspace role: ${value}`);
  return role;
}

type AuditQuery = QueryOf<'/api/workspaces/{workspace_id}/audit'>;
/** The actions the trail records (SPEC §4), for the filter, in the order the filter offers them. */
export type AuditAction = NonNullable<AuditQuery['action']>;
export const auditActions = allValues<AuditAction>()([
  'auth.signed_in', 'auth.sign_in_failed', 'auth.signed_out', 'auth.password_changed', 'auth.sessions_ended', 'tenant.created', 'tenant.lifecycle_changed',
  'provider_connection.saved', 'operation.started', 'operation.reused', 'operation.cancelled', 'finding.acknowledged', 'finding.closed', 'finding.reopened',
  'member.added', 'member.invited', 'member.invitation_accepted', 'member.invitation_revoked', 'member.role_changed', 'member.removed',
  'token.created', 'token.revoked', 'schedule.changed',
]);

const workspacePath = (workspaceId: Id) => ({ path: { workspace_id: workspaceId } });

export function useMembers(workspaceId: Id) {
  return useQuery({ queryKey: queryKeys.members(workspaceId), queryFn: () => answer(api.GET('/api/workspaces/{workspace_id}/members', { params: workspacePath(workspaceId) })) });
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
  useMembershipMutation(workspaceId, (input: { email: string; role: string }) =>
    answer(api.POST('/api/workspaces/{workspace_id}/members', { params: workspacePath(workspaceId), body: { email: input.email, role: asRole(input.role) } })),
  );
export const useChangeRole = (workspaceId: Id) =>
  useMembershipMutation(workspaceId, (input: { userId: Id; role: string }) =>
    answer(api.PATCH('/api/workspaces/{workspace_id}/members/{user_id}', { params: { path: { workspace_id: workspaceId, user_id: input.userId } }, body: { role: asRole(input.role) } })).then((r) => r.member),
  );
export const useRemoveMember = (workspaceId: Id) =>
  useMembershipMutation(workspaceId, (userId: Id) => answer(api.DELETE('/api/workspaces/{workspace_id}/members/{user_id}', { params: { path: { workspace_id: workspaceId, user_id: userId } } })));
export const useWithdrawInvitation = (workspaceId: Id) =>
  useMembershipMutation(workspaceId, (invitationId: Id) =>
    answer(api.DELETE('/api/workspaces/{workspace_id}/invitations/{invitation_id}', { params: { path: { workspace_id: workspaceId, invitation_id: invitationId } } })),
  );

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
      const query = {
        limit: pageSize,
        cursor: pageParam ?? undefined,
        // A filter from the URL that is no recorded action filters nothing out, as a blank one.
        action: oneOf(auditActions, filters.action) ?? undefined,
        actor_user_id: filters.actor_user_id ? Number(filters.actor_user_id) : undefined,
        tenant_id: filters.tenant_id ? Number(filters.tenant_id) : undefined,
        from: filters.from || undefined,
        to: filters.to || undefined,
      };
      return answer(api.GET('/api/workspaces/{workspace_id}/audit', { params: { ...workspacePath(workspaceId), query } }));
    },
    getNextPageParam: (lastPage) => lastPage.next_cursor,
  });
}

export function useMyTokens() {
  return useQuery({ queryKey: queryKeys.myTokens, queryFn: () => answer(api.GET('/api/me/tokens')).then((r) => r.tokens) });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RequestBody<'/api/me/tokens', 'post'>) => answer(api.POST('/api/me/tokens', { body: input })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.myTokens }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: Id) => answer(api.DELETE('/api/me/tokens/{token_id}', { params: { path: { token_id: tokenId } } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.myTokens }),
  });
}

export function useInvitation(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => answer(api.GET('/api/invitations/{token}', { params: { path: { token } } }), { allowUnauthorized: true }).then((r) => r.invitation),
    retry: false,
  });
}

export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RequestBody<'/api/invitations/{token}/accept', 'post'>) =>
      answer(api.POST('/api/invitations/{token}/accept', { params: { path: { token } }, body: input }), { allowUnauthorized: true }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}

export type AccountSession = ApiSchemas['AccountSession'];

export function useMySessions() {
  return useQuery({ queryKey: queryKeys.mySessions, queryFn: () => answer(api.GET('/api/me/sessions')).then((r) => r.sessions) });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => answer(api.DELETE('/api/me/sessions/{session_id}', { params: { path: { session_id: sessionId } } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.mySessions }),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RequestBody<'/api/me/password', 'post'>) => answer(api.POST('/api/me/password', { body: input })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.mySessions }),
  });
}
