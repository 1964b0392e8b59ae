import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { insertApiToken } from '../../db/queries/api-tokens';
import { findUserByEmail } from '../../db/queries/users';
import { generateApiToken, hashApiToken } from '../../security/api-tokens';

/** Returns the token once; only its hash is stored. */
export async function createApiToken(db: Kysely<Database>, input: { email: string; name?: string }) {
  const user = await findUserByEmail(db, input.email.trim());
  if (!user) throw new Error(`No user with email "${input.email}"`);
  const token = generateApiToken();
  await insertApiToken(db, { user_id: user.id, name: input.name ?? null, token_hash: hashApiToken(token) });
  return { token };
}
