import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { findUserByEmail } from '../../db/queries/users';
import { dummyPasswordHash, verifyPassword } from '../../security/passwords';

/** Checks credentials; the caller answers every failure the same way so accounts cannot be probed. */
export async function signIn(db: Kysely<Database>, email: string, password: string) {
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !valid) return null;
  return { id: user.id, email: user.email, name: user.name };
}
