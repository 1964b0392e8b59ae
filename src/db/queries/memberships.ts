import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export function findMembershipRole(db: Kysely<Database>, workspaceId: number, userId: number) {
  return db
    .selectFrom('workspace_memberships')
    .select('role')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function listWorkspacesOfUser(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom('workspace_memberships as m')
    .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
    .select(['w.id', 'w.name', 'w.slug', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('w.name')
    .execute();
}

/** Adds the membership, or changes the role of an existing one. */
export function upsertMembership(db: Kysely<Database>, membership: { workspace_id: number; user_id: number; role: string }) {
  return db
    .insertInto('workspace_memberships')
    .values(membership)
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet({ role: membership.role }))
    .execute();
}
