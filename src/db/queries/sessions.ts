import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export function findSession(db: Kysely<Database>, sid: string, now: Date) {
  return db.selectFrom('sessions').select('data').where('sid', '=', sid).where('expires_at', '>', now).executeTakeFirst();
}

export function saveSession(db: Kysely<Database>, sid: string, data: Record<string, unknown>, expiresAt: Date) {
  return db
    .insertInto('sessions')
    .values({ sid, data: JSON.stringify(data), expires_at: expiresAt })
    .onConflict((oc) => oc.column('sid').doUpdateSet({ data: JSON.stringify(data), expires_at: expiresAt }))
    .execute();
}

export function deleteSession(db: Kysely<Database>, sid: string) {
  return db.deleteFrom('sessions').where('sid', '=', sid).execute();
}

export function deleteExpiredSessions(db: Kysely<Database>, now: Date) {
  return db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
