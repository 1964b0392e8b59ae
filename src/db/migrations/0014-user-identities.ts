import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// Sign-in with Microsoft Entra ID (issue 8). A person's OpenID Connect identity (issuer + subject) is linked to one
// user the first time they sign in — matched by a verified email or by the invitation they accepted — and from then
// on found by that link, even if their mailbox is renamed. One identity belongs to at most one user.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE user_identities (
      id bigserial PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      issuer text NOT NULL,
      subject text NOT NULL,
      email text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      UNIQUE (issuer, subject)
    );
    CREATE INDEX user_identities_user ON user_identities (user_id);
    `,
  );
}

