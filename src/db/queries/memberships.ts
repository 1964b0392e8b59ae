import { sql, type Kysely } from 'kysely';
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
 * Whether a viewer may still watch a workspace's live changes: still a member, and, for a bearer stream, its
 * token still works; for a browser stream, its session. One query, asked when a change is about to be delivered.
 */
export async function hasStreamAccess(
  db: Kysely<Database>,
  access: { workspaceId: number; userId: number; tokenId: number | null; sessionId?: string | null },
): Promise<boolean> {
  let query = db
    .selectFrom('workspace_memberships as m')
    .select('m.role')
    .where('m.workspace_id', '=', access.workspaceId)
    .where('m.user_id', '=', access.userId);
  if (access.tokenId !== null) {
    const tokenId = access.tokenId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('api_tokens as t')
          .select('t.id')
          .where('t.id', '=', tokenId)
          .where('t.user_id', '=', access.userId)
          .where('t.revoked_at', 'is', null)
          .where((inner) => inner.or([inner('t.expires_at', 'is', null), inner('t.expires_at', '>', sql<Date>`now()`)])),
      ),
    );
  }
  if (access.sessionId) {
    const sessionId = access.sessionId;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('sessions as s').select('s.sid').where('s.sid', '=', sessionId).where('s.expires_at', '>', sql<Date>`now()`)),
    );
  }
  return (await query.executeTakeFirst()) !== undefined;
}

export interface MemberRow {
  user_id: number;
  email: string | null;
  name: string | null;
  role: string;
  last_sign_in_at: Date | null;
}

const memberColumns = ['u.id as user_id', 'u.email', 'u.name', 'm.role', 'u.last_sign_in_at'] as const;

/** The workspace's members by name (then email), as the members page lists them. */
export function listMembers(db: Kysely<Database>, workspaceId: number): Promise<MemberRow[]> {
  return db
    .selectFrom('workspace_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(memberColumns)
    .where('m.workspace_id', '=', workspaceId)
    .orderBy(sql`lower(coalesce(u.name, u.email))`)
    .orderBy('u.id')
    .execute() as Promise<MemberRow[]>;
}

export function findMember(db: Kysely<Database>, workspaceId: number, userId: number): Promise<MemberRow | undefined> {
  return db
    .selectFrom('workspace_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(memberColumns)
    .where('m.workspace_id', '=', workspaceId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst() as Promise<MemberRow | undefined>;
}

/**
 * Locks the workspace's owner memberships until the transaction ends and answers how many there are: the
 * last-owner guard counts and changes under this lock, so two owners demoting each other cannot both succeed.
 */
export async function lockOwners(db: Kysely<Database>, workspaceId: number): Promise<number> {
  const rows = await db.selectFrom('workspace_memberships').select('id').where('workspace_id', '=', workspaceId).where('role', '=', 'owner').forUpdate().execute();
  return rows.length;
}

export function insertMembership(db: Kysely<Database>, membership: { workspace_id: number; user_id: number; role: string }) {
  return db
    .insertInto('workspace_memberships')
    .values(membership)
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export function updateMemberRole(db: Kysely<Database>, workspaceId: number, userId: number, role: string) {
  return db.updateTable('workspace_memberships').set({ role }).where('workspace_id', '=', workspaceId).where('user_id', '=', userId).returning('id').executeTakeFirst();
}

export function deleteMembership(db: Kysely<Database>, workspaceId: number, userId: number) {
  return db.deleteFrom('workspace_memberships').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).returning('id').executeTakeFirst();
}
