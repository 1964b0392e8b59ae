import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export function insertApiToken(db: Kysely<Database>, token: { user_id: number; name: string | null; token_hash: string }) {
  return db.insertInto('api_tokens').values(token).returning('id').executeTakeFirstOrThrow();
}

export function findUserByTokenHash(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['u.id', 'u.email', 'u.name', 't.id as token_id', 't.last_used_at'])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function touchApiToken(db: Kysely<Database>, tokenId: number, now: Date) {
  return db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
}
