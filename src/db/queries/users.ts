import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

export function findUserByEmail(db: Kysely<Database>, email: string) {
  return db.selectFrom('users').selectAll().where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, id: number) {
  return db.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', id).executeTakeFirst();
}

/** A new user; `password_hash` is null for a person who signs in with Entra ID only. */
export function insertUser(db: Kysely<Database>, user: { email: string; name: string; password_hash: string | null }) {
  return db.insertInto('users').values(user).returning(['id', 'email', 'name']).executeTakeFirstOrThrow();
}

export function updateUserPasswordHash(db: Kysely<Database>, id: number, passwordHash: string) {
  return db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

/** A user's stored password hash (null without a password, or without the user): for checking, never for showing. */
export async function findPasswordHash(db: Kysely<Database>, id: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
  return row?.password_hash ?? null;
}
