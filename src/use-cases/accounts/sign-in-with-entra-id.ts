import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/in-transaction';
import { findUserByIdentity, linkIdentity } from '../../db/queries/user-identities';
import { findUserByEmail, insertUser } from '../../db/queries/users';
import type { Database } from '../../db/schema';
import type { EntraIdPerson } from '../../security/entra-id';
import { claimInvitation, joinThroughInvitation, readInvitation, refuseUsedInvitation } from '../members/accept-invitation';
import { recordSignIn, recordSignInFailure } from './record-sign-in';

// Who a person coming back from Microsoft Entra ID is (issue 8). Entra ID proves who they are to Microsoft; which
// TenantAtlas user that is, is decided here, and never by creating an account for a stranger:
// 1. an identity (issuer + subject) linked before → that user;
// 2. else a verified email equal to a user's email → that user, and the identity is linked from now on;
// 3. else, when they came through an invitation link → they accept it: as the invited account when their identity
//    or verified email is that account's, or as a new account for the invited address when it has none.
// Anyone else is "not invited". An email Microsoft does not vouch for never matches (it could be anyone's).

type Person = { id: number; email: string | null; name: string | null };

export type EntraIdSignInResult =
  | { ok: true; user: Person; joinedWorkspaceId: number | null }
  | { ok: false; code: string; message: string };

const notInvited = { ok: false as const, code: 'entra_id.not_invited', message: 'Your Microsoft account is not a member of any TenantAtlas workspace. Ask a workspace owner to invite you.' };
const unverifiedEmail = {
  ok: false as const,
  code: 'entra_id.email_unverified',
  message: 'Microsoft did not confirm that this email address is yours, so it cannot be matched to an account. Sign in with your password, or ask for an invitation.',
};

/** Signs the person in, or refuses — and the trail records either (a refusal as a failed sign-in, without a secret). */
export async function signInWithEntraId(
  db: Kysely<Database>,
  person: EntraIdPerson,
  context: { invitationToken: string | null; ip: string | null },
): Promise<EntraIdSignInResult> {
  const result = await matchPerson(db, person, context);
  if (!result.ok) {
    await recordSignInFailure(db, { email: person.email ?? `${person.subject} (no email)`, user: null, ip: context.ip, reason: result.code });
  }
  return result;
}

async function matchPerson(db: Kysely<Database>, person: EntraIdPerson, context: { invitationToken: string | null; ip: string | null }): Promise<EntraIdSignInResult> {
  const linked = await findUserByIdentity(db, person.issuer, person.subject);
  const byVerifiedEmail = person.email && person.emailVerified ? await findUserByEmail(db, person.email) : undefined;
  const known: Person | undefined = linked ?? byVerifiedEmail;

  if (context.invitationToken) return acceptWithEntraId(db, person, known, context.invitationToken, context.ip);

  if (!known) {
    const claimed = person.email && !person.emailVerified ? await findUserByEmail(db, person.email) : undefined;
    return claimed ? unverifiedEmail : notInvited;
  }
  return inTransaction(db, async (trx) => {
    await linkIdentity(trx, { user_id: known.id, issuer: person.issuer, subject: person.subject, email: person.email });
    await recordSignIn(trx, known, context.ip, 'entra_id');
    return { ok: true, user: known, joinedWorkspaceId: null };
  });
}

async function acceptWithEntraId(db: Kysely<Database>, person: EntraIdPerson, known: Person | undefined, token: string, ip: string | null): Promise<EntraIdSignInResult> {
  const read = await readInvitation(db, token);
  if (!read.ok) return read;
  const { invitation } = read;
  const invitedAccount = await findUserByEmail(db, invitation.email);
  // The link alone never opens an existing account: that account must be the one Microsoft vouched for.
  if (invitedAccount && invitedAccount.id !== known?.id) {
    return { ok: false, code: 'invitation.sign_in_first', message: `An account for ${invitation.email} exists and is not linked to this Microsoft account: sign in to it first, then open the link again.` };
  }
  return inTransaction(db, async (trx): Promise<EntraIdSignInResult> => {
    await claimInvitation(trx, invitation);
    // No password: this person signs in with Entra ID (an owner can still reset one through the CLI).
    const user = known ?? (await insertUser(trx, { email: invitation.email, name: person.name?.trim() || invitation.email, password_hash: null }));
    await linkIdentity(trx, { user_id: user.id, issuer: person.issuer, subject: person.subject, email: person.email });
    await joinThroughInvitation(trx, invitation, user, { ip, newAccount: known === undefined });
    await recordSignIn(trx, user, ip, 'entra_id');
    return { ok: true, user, joinedWorkspaceId: invitation.workspace_id };
  }).catch(refuseUsedInvitation);
}
