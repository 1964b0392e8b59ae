import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/in-transaction';
import { recordAudit } from '../../db/queries/audit-entries';
import { findInvitationByTokenHash, lockOpenInvitation, markInvitationAccepted, type InvitationRow } from '../../db/queries/invitations';
import { insertMembership } from '../../db/queries/memberships';
import { findUserByEmail, insertUser } from '../../db/queries/users';
import type { Database } from '../../db/schema';
import { invitationRefusal } from '../../domain/access/membership-rules';
import { hashApiToken } from '../../security/api-tokens';
import { hashPassword } from '../../security/passwords';

// Following an invitation link (issue 8). The link is the only credential of a person who has no account yet: it
// works once, until it expires, and it sets their password. Someone who already has an account signs in first
// (or with Entra ID), so a link can never take over an existing account.

export type Refusal = { ok: false; status: 404 | 409; code: string; message: string };
const unknownLink: Refusal = { ok: false, status: 404, code: 'invitation.not_found', message: 'This invitation link is not valid. Ask for a new one.' };

export async function readInvitation(db: Kysely<Database>, token: string, now = new Date()) {
  const invitation = await findInvitationByTokenHash(db, hashApiToken(token));
  if (!invitation) return unknownLink;
  const refusal = invitationRefusal(invitation, now);
  if (refusal) return { ok: false as const, status: 409 as const, ...refusal };
  const account = await findUserByEmail(db, invitation.email);
  return { ok: true as const, invitation, accountExists: account !== undefined };
}

export type AcceptInvitationResult = { ok: true; user: { id: number; email: string | null; name: string | null }; workspaceId: number } | Refusal;

/**
 * Accepts an invitation: as a new account (name and password), or — when an account with the invited email exists —
 * as that account, which must be the one signed in.
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  input: { token: string; name?: string; password?: string; signedInUserId: number | null; ip: string | null },
): Promise<AcceptInvitationResult> {
  const read = await readInvitation(db, input.token);
  if (!read.ok) return read;
  const { invitation } = read;
  const existing = await findUserByEmail(db, invitation.email);
  if (existing && existing.id !== input.signedInUserId) {
    return { ok: false, status: 409, code: 'invitation.sign_in_first', message: `An account for ${invitation.email} exists: sign in with it, then open this link again.` };
  }
  if (!existing && (!input.name?.trim() || !input.password)) {
    return { ok: false, status: 409, code: 'invitation.account_needed', message: 'Choose your name and a password to create your account.' };
  }
  const passwordHash = existing ? null : await hashPassword(input.password ?? '');
  return inTransaction(db, async (trx): Promise<AcceptInvitationResult> => {
    await claimInvitation(trx, invitation);
    const user = existing ?? (await insertUser(trx, { email: invitation.email, name: input.name!.trim(), password_hash: passwordHash! }));
    await joinThroughInvitation(trx, invitation, user, { ip: input.ip, newAccount: existing === undefined });
    return { ok: true, user: { id: user.id, email: user.email, name: user.name }, workspaceId: invitation.workspace_id };
  }).catch(refuseUsedInvitation);
}

/**
 * First step of accepting, inside the caller's transaction and before any account is created: locks the invitation
 * while it is still open, or throws (→ 409 `invitation.used`). Of five tabs accepting one link at once, four wait on
 * the lock and then find the link used — instead of inserting the same new account and failing on its email.
 */
export async function claimInvitation(trx: Kysely<Database>, invitation: InvitationRow): Promise<void> {
  if (!(await lockOpenInvitation(trx, invitation.id))) throw new InvitationUsed();
}

/**
 * The invitation's effect, inside the caller's transaction (after `claimInvitation`): the link is marked used — conditional on it still being
 * open, so of two tabs accepting at once one wins (the other throws, see `refuseUsedInvitation`) — the person joins
 * with the invited role, and the trail says so. Shared by the password and the Entra ID acceptance.
 */
export async function joinThroughInvitation(
  trx: Kysely<Database>,
  invitation: InvitationRow,
  user: { id: number; email: string | null; name: string | null },
  context: { ip: string | null; newAccount: boolean },
): Promise<void> {
  if (!(await markInvitationAccepted(trx, invitation.id, user.id))) throw new InvitationUsed();
  await insertMembership(trx, { workspace_id: invitation.workspace_id, user_id: user.id, role: invitation.role });
  await recordAudit(trx, { actor: { user_id: user.id, token_id: null, name: user.name ?? user.email }, ip: context.ip }, {
    workspace_id: invitation.workspace_id,
    action: 'member.invitation_accepted',
    target_type: 'invitation',
    target_id: invitation.id,
    summary: { email: invitation.email, role: invitation.role, new_account: context.newAccount },
  });
}

class InvitationUsed extends Error {}

/**
 * Turns a lost race into its 409, rethrowing anything else: for the link itself, or — two invitations to one address
 * accepted at once, each creating the account — for the account, which now exists.
 */
export function refuseUsedInvitation(error: unknown): Refusal {
  if (error instanceof InvitationUsed) return { ok: false, status: 409, code: 'invitation.used', message: 'This invitation has already been used. Sign in instead.' };
  const failure = error as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (failure?.code === '23505' && (failure.constraint === 'users_email_lower_key' || String(failure.message).includes('users_email_lower_key'))) {
    return { ok: false, status: 409, code: 'invitation.sign_in_first', message: 'An account for this address was just created: sign in with it, then open this link again.' };
  }
  throw error;
}
