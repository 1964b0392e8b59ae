import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, WorkspaceInvitationsTable } from '../schema';

// Invitations to a workspace (issue 8): a one-time link, stored as the SHA-256 of its token, that expires.

export type InvitationRow = Selectable<WorkspaceInvitationsTable>;

/** Open invitations (neither accepted nor revoked), expired ones included so the page can say so. */
export function listOpenInvitations(db: Kysely<Database>, workspaceId: number): Promise<InvitationRow[]> {
  return db
    .selectFrom('workspace_invitations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Revokes the address's open invitation, if any (a new invitation replaces it, with a new link). */
export function revokeOpenInvitationFor(db: Kysely<Database>, workspaceId: number, email: string) {
  return db
    .updateTable('workspace_invitations')
    .set({ revoked_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
}

export function insertInvitation(
  db: Kysely<Database>,
  invitation: { workspace_id: number; email: string; role: string; token_hash: string; invited_by_user_id: number | null; expires_at: Date },
): Promise<InvitationRow> {
  return db.insertInto('workspace_invitations').values(invitation).returningAll().executeTakeFirstOrThrow();
}

export function findInvitationByTokenHash(db: Kysely<Database>, tokenHash: string): Promise<(InvitationRow & { workspace_name: string | null }) | undefined> {
  return db
    .selectFrom('workspace_invitations as i')
    .innerJoin('workspaces as w', 'w.id', 'i.workspace_id')
    .selectAll('i')
    .select('w.name as workspace_name')
    .where('i.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Locks an invitation that is still open (FOR UPDATE) until the transaction ends, or finds none: of several
 * transactions accepting one link at once, the others wait here and then find it used, before they insert anything.
 */
export async function lockOpenInvitation(db: Kysely<Database>, invitationId: number): Promise<boolean> {
  const row = await db
    .selectFrom('workspace_invitations')
    .select('id')
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** Marks an invitation used — only if it is still open and unexpired, so a link works exactly once. */
export function markInvitationAccepted(db: Kysely<Database>, invitationId: number, userId: number) {
  return db
    .updateTable('workspace_invitations')
    .set({ accepted_at: sql`now()`, accepted_user_id: userId })
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('id')
    .executeTakeFirst();
}

export function revokeInvitation(db: Kysely<Database>, workspaceId: number, invitationId: number) {
  return db
    .updateTable('workspace_invitations')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', invitationId)
    .where('workspace_id', '=', workspaceId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning(['id', 'email', 'role'])
    .executeTakeFirst();
}
