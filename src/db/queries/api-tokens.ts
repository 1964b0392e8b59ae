import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

export function insertApiToken(db: Kysely<Database>, token: { user_id: number; name: string | null; token_hash: string; expires_at?: Date | null }) {
  return db.insertInto('api_tokens').values(token).returning(['id', 'name', 'created_at', 'expires_at']).executeTakeFirstOrThrow();
}

/** The user behind a bearer token — only while the token is neither revoked nor expired (then the request is 401). */
export function findUserByTokenHash(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['u.id', 'u.email', 'u.name', 't.id as token_id', 't.last_used_at', 't.expires_at'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
}

export function touchApiToken(db: Kysely<Database>, tokenId: number, now: Date) {
  return db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
}

/** A user's tokens that still work or could be shown as ended, newest first; never the hash. */
export function listApiTokensOfUser(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Revokes one of the user's own tokens; undefined when it is not theirs or already revoked. */
export function revokeApiToken(db: Kysely<Database>, userId: number, tokenId: number) {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name'])
    .executeTakeFirst();
}
