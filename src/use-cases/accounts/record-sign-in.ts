import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/in-transaction';
import { recordAudit, recordAuditForUser } from '../../db/queries/audit-entries';
import type { Database } from '../../db/schema';
import type { AuditAction, AuditContext } from '../../domain/audit';

// Sign-ins and sign-outs in the audit trail (issue 8). A person belongs to workspaces, not the other way round, so
// each of their workspaces gets the entry: every workspace's trail shows its own members coming and going.

type Person = { id: number; email: string | null; name: string | null };

const personActor = (user: Person, ip: string | null): AuditContext => ({ actor: { user_id: user.id, token_id: null, name: user.name ?? user.email }, ip });

const recordForWorkspacesOf = (db: Kysely<Database>, user: Person, context: AuditContext, action: AuditAction, summary: Record<string, unknown>) =>
  recordAuditForUser(db, context, user.id, { action, target_type: 'user', target_id: user.id, summary });

/** A successful sign-in: the person's last sign-in time and the trail, together. */
export function recordSignIn(db: Kysely<Database>, user: Person, ip: string | null, method: 'password' | 'entra_id'): Promise<void> {
  return inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ last_sign_in_at: new Date() }).where('id', '=', user.id).execute();
    await recordForWorkspacesOf(trx, user, personActor(user, ip), 'auth.signed_in', { method });
  });
}

/**
 * A refused sign-in. For a known account each of its workspaces sees it (someone tried their member's password);
 * for an unknown address no workspace does, and one entry without a workspace is kept for the operator. The
 * attempted address is recorded — never the password.
 */
export function recordSignInFailure(db: Kysely<Database>, attempt: { email: string; user: Person | null; ip: string | null; reason: string }): Promise<void> {
  const context: AuditContext = { actor: { user_id: null, token_id: null, name: attempt.email }, ip: attempt.ip };
  const summary = { email: attempt.email, reason: attempt.reason };
  return inTransaction(db, async (trx) => {
    if (attempt.user) await recordForWorkspacesOf(trx, attempt.user, context, 'auth.sign_in_failed', summary);
    else await recordAudit(trx, context, { workspace_id: null, action: 'auth.sign_in_failed', target_type: 'user', summary });
  });
}

export function recordSignOut(db: Kysely<Database>, user: Person, ip: string | null): Promise<void> {
  return inTransaction(db, (trx) => recordForWorkspacesOf(trx, user, personActor(user, ip), 'auth.signed_out', {}));
}
