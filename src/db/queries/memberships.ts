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

/**
 * Whether a viewer may still watch a workspace's live changes: still a member, and, for a bearer stream,
 * its token still exists. One query, asked when a change is about to be delivered.
 */
export async function hasStreamAccess(db: Kysely<Database>, access: { workspaceId: number; userId: number; tokenId: number | null }): Promise<boolean> {
  let query = db
    .selectFrom('workspace_memberships as m')
    .select('m.role')
    .where('m.workspace_id', '=', access.workspaceId)
    .where('m.user_id', '=', access.userId);
  if (access.tokenId !== null) {
    const tokenId = access.tokenId;
    query = query.where((eb) => eb.exists(eb.selectFrom('api_tokens as t').select('t.id').where('t.id', '=', tokenId).where('t.user_id', '=', access.userId)));
  }
  return (await query.executeTakeFirst()) !== undefined;
}
