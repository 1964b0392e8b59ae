import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

// OpenID Connect identities linked to users (migration 0014): how a returning Entra ID sign-in finds its user.

export function findUserByIdentity(db: Kysely<Database>, issuer: string, subject: string) {
  return db
    .selectFrom('user_identities as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select(['u.id', 'u.email', 'u.name'])
    .where('i.issuer', '=', issuer)
    .where('i.subject', '=', subject)
    .executeTakeFirst();
}

/** Links the identity to the user (once; a later sign-in only moves `last_used_at` and the email it carried). */
export function linkIdentity(db: Kysely<Database>, identity: { user_id: number; issuer: string; subject: string; email: string | null }) {
  return db
    .insertInto('user_identities')
    .values({ ...identity, last_used_at: sql`now()` })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doUpdateSet({ last_used_at: sql`now()`, email: identity.email }).where('user_identities.user_id', '=', identity.user_id))
    .execute();
}
