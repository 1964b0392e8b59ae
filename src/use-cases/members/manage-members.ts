import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/in-transaction';
import { recordAudit } from '../../db/queries/audit-entries';
import { insertInvitation, revokeInvitation, revokeOpenInvitationFor, type InvitationRow } from '../../db/queries/invitations';
import { deleteMembership, findMember, insertMembership, lockOwners, updateMemberRole, type MemberRow } from '../../db/queries/memberships';
import { findUserByEmail } from '../../db/queries/users';
import type { Database } from '../../db/schema';
import { invitationExpiry, lastOwnerRefusal } from '../../domain/access/membership-rules';
import type { Role } from '../../domain/access/roles';
import type { AuditContext } from '../../domain/audit';
import { generateInvitationToken, hashApiToken } from '../../security/api-tokens';

// A workspace's people (issue 8). Who may do this is the access hook's (manage_members); what may happen is
// decided here, and every change writes its audit entry in the same transaction.

export type MemberChangeRefusal = { ok: false; status: 404 | 409; code: string; message: string };

export type AddMemberResult =
  | { ok: true; kind: 'member'; member: MemberRow }
  | { ok: true; kind: 'invitation'; invitation: InvitationRow; token: string }
  | MemberChangeRefusal;

/** An existing user joins at once; anyone else gets an invitation whose one-time link replaces any earlier one. */
export function addMember(db: Kysely<Database>, input: { workspaceId: number; email: string; role: Role }, audit: AuditContext): Promise<AddMemberResult> {
  const email = input.email.trim();
  return inTransaction(db, async (trx): Promise<AddMemberResult> => {
    const user = await findUserByEmail(trx, email);
    if (user) {
      const inserted = await insertMembership(trx, { workspace_id: input.workspaceId, user_id: user.id, role: input.role });
      if (!inserted) return { ok: false, status: 409, code: 'member.already_member', message: `${email} is already a member of this workspace.` };
      await recordAudit(trx, audit, { workspace_id: input.workspaceId, action: 'member.added', target_type: 'user', target_id: user.id, summary: { email: user.email, after: { role: input.role } } });
      const member = await findMember(trx, input.workspaceId, user.id);
      if (!member) throw new Error('the membership just added is missing');
      return { ok: true, kind: 'member', member };
    }
    const replaced = await revokeOpenInvitationFor(trx, input.workspaceId, email);
    const token = generateInvitationToken();
    const invitation = await insertInvitation(trx, {
      workspace_id: input.workspaceId,
      email,
      role: input.role,
      token_hash: hashApiToken(token),
      invited_by_user_id: audit.actor.user_id,
      expires_at: invitationExpiry(new Date()),
    });
    await recordAudit(trx, audit, {
      workspace_id: input.workspaceId,
      action: 'member.invited',
      target_type: 'invitation',
      target_id: invitation.id,
      summary: { email, role: input.role, expires_at: invitation.expires_at.toISOString(), ...(replaced.length > 0 ? { replaces_invitation: replaced.map((row) => row.id) } : {}) },
    });
    return { ok: true, kind: 'invitation', invitation, token };
  });
}

export function changeMemberRole(db: Kysely<Database>, input: { workspaceId: number; userId: number; role: Role }, audit: AuditContext): Promise<{ ok: true; member: MemberRow } | MemberChangeRefusal> {
  return inTransaction(db, async (trx) => {
    const ownerCount = await lockOwners(trx, input.workspaceId);
    const current = await findMember(trx, input.workspaceId, input.userId);
    if (!current) return { ok: false, status: 404, code: 'member.not_found', message: 'No such member in this workspace.' };
    const refusal = lastOwnerRefusal({ currentRole: current.role, newRole: input.role, ownerCount });
    if (refusal) return { ok: false, status: 409, code: 'member.last_owner', message: refusal };
    if (current.role === input.role) return { ok: true, member: current };
    await updateMemberRole(trx, input.workspaceId, input.userId, input.role);
    await recordAudit(trx, audit, {
      workspace_id: input.workspaceId,
      action: 'member.role_changed',
      target_type: 'user',
      target_id: input.userId,
      summary: { email: current.email, before: { role: current.role }, after: { role: input.role } },
    });
    return { ok: true, member: { ...current, role: input.role } };
  });
}

/**
 * Removes a member. Access is decided from the membership on every request (and every event delivery), so the
 * person's sessions and tokens stop working for this workspace with the next request.
 */
export function removeMember(db: Kysely<Database>, input: { workspaceId: number; userId: number }, audit: AuditContext): Promise<{ ok: true } | MemberChangeRefusal> {
  return inTransaction(db, async (trx) => {
    const ownerCount = await lockOwners(trx, input.workspaceId);
    const current = await findMember(trx, input.workspaceId, input.userId);
    if (!current) return { ok: false, status: 404, code: 'member.not_found', message: 'No such member in this workspace.' };
    const refusal = lastOwnerRefusal({ currentRole: current.role, newRole: null, ownerCount });
    if (refusal) return { ok: false, status: 409, code: 'member.last_owner', message: refusal };
    await deleteMembership(trx, input.workspaceId, input.userId);
    await recordAudit(trx, audit, { workspace_id: input.workspaceId, action: 'member.removed', target_type: 'user', target_id: input.userId, summary: { email: current.email, before: { role: current.role } } });
    return { ok: true };
  });
}

export function withdrawInvitation(db: Kysely<Database>, input: { workspaceId: number; invitationId: number }, audit: AuditContext): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const revoked = await revokeInvitation(trx, input.workspaceId, input.invitationId);
    if (!revoked) return false;
    await recordAudit(trx, audit, { workspace_id: input.workspaceId, action: 'member.invitation_revoked', target_type: 'invitation', target_id: revoked.id, summary: { email: revoked.email, role: revoked.role } });
    return true;
  });
}
