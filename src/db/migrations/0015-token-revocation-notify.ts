import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// Tokens are revoked by setting revoked_at (issue 8), not deleted, so migration 0004's DELETE trigger never
// announced a revocation: an open bearer stream lived on until its next periodic check. A revocation (or a
// changed expiry) is now announced on `access_changed` like a deletion, which also lets every server process drop
// the token from its access cache at once (http/access-cache.ts). Touching last_used_at announces nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TRIGGER api_tokens_access_revoked
      AFTER UPDATE OF revoked_at, expires_at, user_id ON api_tokens
      FOR EACH ROW
      WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.user_id IS DISTINCT FROM NEW.user_id)
      EXECUTE FUNCTION notify_token_access_changed();
    `,
  );
}
