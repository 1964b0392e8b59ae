import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/in-transaction';
import { recordAuditForUser } from '../../db/queries/audit-entries';
import { insertApiToken, revokeApiToken } from '../../db/queries/api-tokens';
import { findUserByEmail } from '../../db/queries/users';
import type { Database } from '../../db/schema';
import { commandLineAudit, type AuditContext } from '../../domain/audit';
import { generateApiToken, hashApiToken } from '../../security/api-tokens';

// Personal API tokens (SPEC §4; issue 8). A token acts as its user in every workspace of theirs, so each of those
// workspaces' trails records its creation and revocation — by name, never by value.

function recordTokenEvent(db: Kysely<Database>, audit: AuditContext, userId: number, action: 'token.created' | 'token.revoked', token: { id: number; name: string | null; expires_at?: Date | null }) {
  const summary = { name: token.name, ...(token.expires_at !== undefined ? { expires_at: token.expires_at?.toISOString() ?? null } : {}) };
  return recordAuditForUser(db, audit, userId, { action, target_type: 'api_token', target_id: token.id, summary });
}

/** Creates a token for a user; returns its value once (only its SHA-256 is stored). */
export async function createUserApiToken(db: Kysely<Database>, input: { userId: number; name: string | null; expiresAt: Date | null }, audit: AuditContext) {
  const value = generateApiToken();
  const token = await inTransaction(db, async (trx) => {
    const row = await insertApiToken(trx, { user_id: input.userId, name: input.name, token_hash: hashApiToken(value), expires_at: input.expiresAt });
    await recordTokenEvent(trx, audit, input.userId, 'token.created', row);
    return row;
  });
  return { token, value };
}

/** The command line's `token create --email`: the same, for the user with that email, acted by the CLI. */
export async function createApiToken(db: Kysely<Database>, input: { email: string; name?: string }, audit: AuditContext = commandLineAudit) {
  const user = await findUserByEmail(db, input.email.trim());
  if (!user) throw new Error(`No user with email "${input.email}"`);
  const { value } = await createUserApiToken(db, { userId: user.id, name: input.name ?? null, expiresAt: null }, audit);
  return { token: value };
}

/** Revokes one of the user's own tokens at once; false when there is no such live token of theirs. */
export function revokeUserApiToken(db: Kysely<Database>, input: { userId: number; tokenId: number }, audit: AuditContext): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const revoked = await revokeApiToken(trx, input.userId, input.tokenId);
    if (!revoked) return false;
    await recordTokenEvent(trx, audit, input.userId, 'token.revoked', revoked);
    return true;
  });
}
