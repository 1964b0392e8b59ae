import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

export function findSession(db: Kysely<Database>, sid: string, now: Date) {
  return db.selectFrom('sessions').select(['data', 'expires_at']).where('sid', '=', sid).where('expires_at', '>', now).executeTakeFirst();
}

export function saveSession(db: Kysely<Database>, sid: string, data: Record<string, unknown>, expiresAt: Date) {
  return db
    .insertInto('sessions')
    .values({ sid, data: JSON.stringify(data), expires_at: expiresAt })
    .onConflict((oc) => oc.column('sid').doUpdateSet({ data: JSON.stringify(data), expires_at: expiresAt }))
    .execute();
}

/** Saves a session known to exist; a session ended meanwhile (signed out elsewhere) stays ended. */
export function updateSession(db: Kysely<Database>, sid: string, data: Record<string, unknown>, expiresAt: Date) {
  return db.updateTable('sessions').set({ data: JSON.stringify(data), expires_at: expiresAt }).where('sid', '=', sid).execute();
}

export function deleteSession(db: Kysely<Database>, sid: string) {
  return db.deleteFrom('sessions').where('sid', '=', sid).execute();
}

export function deleteExpiredSessions(db: Kysely<Database>, now: Date) {
  return db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

/** Ends every browser session of a user (after a password reset, nobody keeps the old sign-in). */
export function deleteSessionsOfUser(db: Kysely<Database>, userId: number) {
  return db.deleteFrom('sessions').where(sql<string>`data->>'user_id'`, '=', String(userId)).execute();
}

/** A user's live browser sessions (the sid itself is the credential: callers present only its hash). */
export function listSessionsOfUser(db: Kysely<Database>, userId: number, now: Date) {
  return db
    .selectFrom('sessions')
    .select(['sid', 'data', 'expires_at'])
    .where(sql<string>`data->>'user_id'`, '=', String(userId))
    .where('expires_at', '>', now)
    .orderBy('expires_at', 'desc')
    .execute();
}

/** Ends every session of a user but one (changing a password keeps the session that changed it). */
export function deleteOtherSessionsOfUser(db: Kysely<Database>, userId: number, keepSid: string | null) {
  let query = db.deleteFrom('sessions').where(sql<string>`data->>'user_id'`, '=', String(userId));
  if (keepSid !== null) query = query.where('sid', '<>', keepSid);
  return query.execute();
}
