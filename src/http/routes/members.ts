import { z } from 'zod';
import { lastOwnerRefusal } from '../../domain/access/membership-rules';
import { can, minimumRoleFor } from '../../domain/access/roles';
import { listOpenInvitations, type InvitationRow } from '../../db/queries/invitations';
import { listMembers, type MemberRow } from '../../db/queries/memberships';
import { acceptInvitation, readInvitation } from '../../use-cases/members/accept-invitation';
import { addMember, changeMemberRole, removeMember, withdrawInvitation } from '../../use-cases/members/manage-members';
import type { RegisterRoutes } from '../app-context';
import { auditContextOf } from '../audit-context';
import { HttpError } from '../errors';
import { accessOf } from '../plugins/access';
import { startSession } from '../plugins/session-store';
import { errorResponses, idParam, inputText } from '../schemas/common';
import { userSchema } from '../schemas/auth';
import { acceptInvitationBody, addMemberBody, addMemberResponse, changeRoleBody, invitationPreviewSchema, memberSchema, membersListSchema } from '../schemas/members';

const presentMember = (row: MemberRow) => ({ ...row, last_sign_in_at: row.last_sign_in_at?.toISOString() ?? null });
const presentInvitation = (row: InvitationRow, now: Date) => ({
  id: row.id,
  email: row.email,
  role: row.role,
  expires_at: row.expires_at.toISOString(),
  expired: row.expires_at.getTime() <= now.getTime(),
});
/** The console page that accepts an invitation (web/src/paths.ts `invitation`). */
const acceptPath = (token: string) => `/invitations/${encodeURIComponent(token)}`;

// A workspace's members and invitations (SPEC §4, §5; issue 8). Everyone in the workspace may see who is in it;
// changing it needs manage_members (owners). Accepting an invitation is public: the link's token is the credential.
export const registerMemberRoutes: RegisterRoutes = (app, { db }) => {
  const workspaceParams = z.object({ workspace_id: idParam });
  const memberParams = z.object({ workspace_id: idParam, user_id: idParam });
  const refuse = (result: { status: number; code: string; message: string }): never => {
    throw new HttpError(result.status, result.code, result.message);
  };

  app.get('/api/workspaces/:workspace_id/members', {
    config: { access: { scope: 'workspace', capability: 'view' } },
    schema: { tags: ['members'], summary: 'Members and open invitations of the workspace', params: workspaceParams, response: { 200: membersListSchema, ...errorResponses } },
    handler: async (request) => {
      const workspaceId = accessOf(request).scopeId;
      const [members, invitations] = await Promise.all([listMembers(db, workspaceId), listOpenInvitations(db, workspaceId)]);
      const now = new Date();
      const { role } = accessOf(request);
      const ownerCount = members.filter((member) => member.role === 'owner').length;
      const reasons = (member: MemberRow) => {
        if (!can(role, 'manage_members')) {
          const notAllowed = `Changing members requires the ${minimumRoleFor('manage_members')} role.`;
          return { remove: notAllowed, change_role: notAllowed };
        }
        // Demoting the last owner to any other role is refused, so the role cannot change at all.
        return { remove: lastOwnerRefusal({ currentRole: member.role, newRole: null, ownerCount }), change_role: lastOwnerRefusal({ currentRole: member.role, newRole: 'readonly', ownerCount }) };
      };
      return { members: members.map((member) => ({ ...presentMember(member), disabled_reasons: reasons(member) })), invitations: invitations.map((row) => presentInvitation(row, now)) };
    },
  });

  app.post('/api/workspaces/:workspace_id/members', {
    config: { access: { scope: 'workspace', capability: 'manage_members' } },
    schema: {
      tags: ['members'],
      summary: 'Add a person by email: an existing user joins at once, anyone else is invited',
      description: '201 with the member, or with the invitation and its one-time accept_url (shown once; a new invitation replaces an open one). 409 if already a member.',
      params: workspaceParams,
      body: addMemberBody,
      response: { 201: addMemberResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const result = await addMember(db, { workspaceId: accessOf(request).scopeId, email: request.body.email, role: request.body.role }, auditContextOf(request));
      if (!result.ok) return refuse(result);
      if (result.kind === 'member') return reply.status(201).send({ member: presentMember(result.member) });
      return reply.status(201).send({ invitation: { ...presentInvitation(result.invitation, new Date()), accept_url: acceptPath(result.token) } });
    },
  });

  app.patch('/api/workspaces/:workspace_id/members/:user_id', {
    config: { access: { scope: 'workspace', capability: 'manage_members' } },
    schema: { tags: ['members'], summary: "Change a member's role (409 for the last owner)", params: memberParams, body: changeRoleBody, response: { 200: z.object({ member: memberSchema }), ...errorResponses } },
    handler: async (request) => {
      const result = await changeMemberRole(db, { workspaceId: accessOf(request).scopeId, userId: request.params.user_id, role: request.body.role }, auditContextOf(request));
      if (!result.ok) return refuse(result);
      return { member: presentMember(result.member) };
    },
  });

  app.delete('/api/workspaces/:workspace_id/members/:user_id', {
    config: { access: { scope: 'workspace', capability: 'manage_members' } },
    schema: { tags: ['members'], summary: 'Remove a member (409 for the last owner); their sessions and tokens stop working here at once', params: memberParams, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      const result = await removeMember(db, { workspaceId: accessOf(request).scopeId, userId: request.params.user_id }, auditContextOf(request));
      if (!result.ok) return refuse(result);
      return reply.status(204).send(null);
    },
  });

  app.delete('/api/workspaces/:workspace_id/invitations/:invitation_id', {
    config: { access: { scope: 'workspace', capability: 'manage_members' } },
    schema: { tags: ['members'], summary: 'Withdraw an open invitation', params: z.object({ workspace_id: idParam, invitation_id: idParam }), response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      const withdrawn = await withdrawInvitation(db, { workspaceId: accessOf(request).scopeId, invitationId: request.params.invitation_id }, auditContextOf(request));
      if (!withdrawn) throw new HttpError(404, 'invitation.not_found', 'No open invitation with this id in this workspace.');
      return reply.status(204).send(null);
    },
  });

  const tokenParams = z.object({ token: inputText().max(200) });

  app.get('/api/invitations/:token', {
    config: { access: { scope: 'public' } },
    schema: { tags: ['members'], summary: 'What an invitation link invites to', params: tokenParams, response: { 200: invitationPreviewSchema, ...errorResponses } },
    handler: async (request) => {
      const read = await readInvitation(db, request.params.token);
      if (!read.ok) return refuse(read);
      const { invitation, accountExists } = read;
      return {
        invitation: { workspace_name: invitation.workspace_name, email: invitation.email, role: invitation.role, expires_at: invitation.expires_at.toISOString(), account_exists: accountExists },
      };
    },
  });

  app.post('/api/invitations/:token/accept', {
    config: { access: { scope: 'public' } },
    schema: {
      tags: ['members'],
      summary: 'Accept an invitation: create the account (name, password) or join as the signed-in account with the invited email',
      description: 'Signs the person in. 409 when the link was used, withdrawn or has expired, or when an account with the email exists and is not the one signed in.',
      params: tokenParams,
      body: acceptInvitationBody,
      response: { 200: z.object({ user: userSchema, workspace_id: z.number() }), ...errorResponses },
    },
    handler: async (request) => {
      const result = await acceptInvitation(db, {
        token: request.params.token,
        name: request.body.name,
        password: request.body.password,
        signedInUserId: request.viewer?.via === 'session' ? request.viewer.id : null,
        ip: request.ip,
      });
      if (!result.ok) return refuse(result);
      if (request.viewer?.id !== result.user.id) {
        await request.session.regenerate();
        startSession(request, result.user.id);
      }
      return { user: result.user, workspace_id: result.workspaceId };
    },
  });
};
