import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { deleteSessionsOfUser } from '../../db/queries/sessions';
import { findUserByEmail, updateUserPasswordHash } from '../../db/queries/users';
import { hashPassword } from '../../security/passwords';
import { MIN_PASSWORD_LENGTH } from './create-user';

/**
 * Sets a new password (`tenantatlas user reset-password`) and signs the user out everywhere: whoever knew the
 * old password must not keep a session made with it. API tokens are separate credentials and stay.
 */
export async function resetPassword(db: Kysely<Database>, input: { email: string; password: string }) {
  const user = await findUserByEmail(db, input.email.trim());
  if (!user) throw new Error(`No user with email "${input.email.trim()}"`);
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new Error(`The password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  await updateUserPasswordHash(db, user.id, await hashPassword(input.password));
  await deleteSessionsOfUser(db, user.id);
  return { id: user.id, email: user.email };
}
