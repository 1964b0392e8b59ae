import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/in-transaction';
import { recordAuditForUser } from '../../db/queries/audit-entries';
import { deleteOtherSessionsOfUser, deleteSession, listSessionsOfUser } from '../../db/queries/sessions';
import { findPasswordHash, updateUserPasswordHash } from '../../db/queries/users';
import type { Database } from '../../db/schema';
import type { AuditAction, AuditContext } from '../../domain/audit';
import { hashPassword, verifyPassword } from '../../security/passwords';

// Your own account (issue 8): change your password (the current one required; every other session ends), and
// see and end your other sessions. A session is shown by a digest of its id, never the id, which is the credential.

export const sessionHandle = (sid: string) => crypto.createHash('sha256').update(sid).digest('hex').slice(0, 24);

const recordForOwnWorkspaces = (db: Kysely<Database>, userId: number, audit: AuditContext, action: AuditAction, summary: Record<string, unknown>) =>
  recordAuditForUser(db, audit, userId, { action, target_type: 'user', target_id: userId, summary });

export type ChangePasswordResult = { ok: true; sessionsEnded: number } | { ok: false; field: 'current_password'; message: string };

export async function changeOwnPassword(
  db: Kysely<Database>,
  input: { userId: number; currentPassword: string; newPassword: string; currentSid: string | null },
  audit: AuditContext,
): Promise<ChangePasswordResult> {
  if (!(await verifyPassword(await findPasswordHash(db, input.userId), input.currentPassword))) {
    return { ok: false, field: 'current_password', message: 'current_password: this is not your current password.' };
  }
  const hash = await hashPassword(input.newPassword);
  return inTransaction(db, async (trx) => {
    await updateUserPasswordHash(trx, input.userId, hash);
    const ended = await deleteOtherSessionsOfUser(trx, input.userId, input.currentSid);
    const sessionsEnded = Number(ended[0]?.numDeletedRows ?? 0);
    await recordForOwnWorkspaces(trx, input.userId, audit, 'auth.password_changed', { other_sessions_ended: sessionsEnded });
    return { ok: true, sessionsEnded };
  });
}

export async function listOwnSessions(db: Kysely<Database>, userId: number, currentSid: string | null) {
  const rows = await listSessionsOfUser(db, userId, new Date());
  return rows.map((row) => {
    const data = (row.data ?? {}) as { signed_in_at?: string; user_agent?: string; ip?: string };
    return {
      id: sessionHandle(row.sid),
      signed_in_at: typeof data.signed_in_at === 'string' ? data.signed_in_at : null,
      user_agent: typeof data.user_agent === 'string' ? data.user_agent : null,
      ip: typeof data.ip === 'string' ? data.ip : null,
      expires_at: row.expires_at.toISOString(),
      current: row.sid === currentSid,
    };
  });
}

/** Ends one of your other sessions, named by its handle; false when there is none such (or it is this one). */
export async function endOwnSession(db: Kysely<Database>, input: { userId: number; handle: string; currentSid: string | null }, audit: AuditContext): Promise<boolean> {
  const rows = await listSessionsOfUser(db, input.userId, new Date());
  const target = rows.find((row) => sessionHandle(row.sid) === input.handle && row.sid !== input.currentSid);
  if (!target) return false;
  await inTransaction(db, async (trx) => {
    await deleteSession(trx, target.sid);
    await recordForOwnWorkspaces(trx, input.userId, audit, 'auth.sessions_ended', { session: input.handle });
  });
  return true;
}
