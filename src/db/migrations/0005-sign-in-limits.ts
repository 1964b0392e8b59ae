import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// The sign-in limiter's counters (rate-limiter-flexible's PostgreSQL store, src/security/sign-in-limits.ts),
// in the shared database so every server process counts the same attempts. Keys are prefixes plus SHA-256
// digests of addresses and emails, never the emails themselves. The library deletes expired rows itself.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE sign_in_limits (
      key varchar(255) PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire bigint
    );
    `,
  );
}
