import crypto from 'node:crypto';
import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

// The one sign-in limiter (rate-limiter-flexible). Three counters, consulted BEFORE the password is hashed:
// - per address and email: guessing one account's password from one place (attempts per minute);
// - per address: spraying many accounts from one place (attempts per minute);
// - per account: one account attacked from many addresses (failed attempts per 15 minutes).
// On PostgreSQL the counters live in the shared database (table sign_in_limits, migration 0005), so every
// server process sees every attempt; on the embedded database, which one process owns, they live in memory.
// Keys are SHA-256 digests: the table never holds an email address.

export interface SignInLimitSettings {
  /** Attempts per minute for one address and email. */
  perAddressAndEmail: number;
  /** Attempts per minute from one address, whatever the email. */
  perAddress: number;
  /** Failed attempts per 15 minutes for one account, from anywhere. */
  failuresPerAccount: number;
}

export interface SignInLimiter {
  /**
   * Counts an attempt and says whether it may go on to the password check: null, or the seconds until the
   * viewer may try again. Over-limit attempts are counted too, so hammering keeps the door shut.
   */
  admit(address: string, email: string): Promise<number | null>;
  recordFailure(email: string): Promise<void>;
  recordSuccess(address: string, email: string): Promise<void>;
}

const ACCOUNT_WINDOW_SECONDS = 15 * 60;

/**
 * `onStoreError` hears a counter store that failed while a failed sign-in was being counted: the attempt's answer
 * stays the same (401), but an operator must see that the per-account limit is not counting (the error carries
 * no email or password: keys are digests).
 */
export function createSignInLimiter(
  settings: SignInLimitSettings,
  databaseUrl: string | undefined,
  onStoreError: (error: unknown) => void,
): SignInLimiter & { close(): Promise<void> } {
  // A small pool of its own: the limiter's writes must not wait behind request queries, nor they behind it.
  const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 2, application_name: 'tenantatlas-sign-in-limits' }) : null;
  pool?.on('error', () => {});
  pool?.on('connect', (client) => client.on('error', () => {}));
  const limiter = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
    pool
      ? new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: 'sign_in_limits', tableCreated: true, keyPrefix, points, duration })
      : new RateLimiterMemory({ keyPrefix, points, duration });

  const byAddressAndEmail = limiter('addr_email', settings.perAddressAndEmail, 60);
  const byAddress = limiter('addr', settings.perAddress, 60);
  const byAccount = limiter('account', settings.failuresPerAccount, ACCOUNT_WINDOW_SECONDS);

  return {
    async admit(address, email) {
      const [pair, place, account] = await Promise.allSettled([
        byAddressAndEmail.consume(digest(`${address}|${normalizeEmail(email)}`)),
        byAddress.consume(digest(address)),
        byAccount.get(digest(normalizeEmail(email))),
      ]);
      const waits = [pair, place].map((result) => (result.status === 'rejected' ? waitOf(result.reason) : 0));
      if (account.status === 'fulfilled' && account.value && account.value.consumedPoints >= settings.failuresPerAccount) {
        waits.push(account.value.msBeforeNext);
      } else if (account.status === 'rejected') {
        waits.push(waitOf(account.reason));
      }
      const longest = Math.max(...waits);
      return longest > 0 ? Math.max(1, Math.ceil(longest / 1000)) : null;
    },
    async recordFailure(email) {
      // Over the limit already is a refusal (RateLimiterRes), not a failure; anything else is the store failing.
      await byAccount.consume(digest(normalizeEmail(email))).catch((reason: unknown) => {
        if (!(reason instanceof RateLimiterRes)) onStoreError(reason);
      });
    },
    async recordSuccess(address, email) {
      await byAddressAndEmail.delete(digest(`${address}|${normalizeEmail(email)}`));
    },
    close: async () => {
      await pool?.end();
    },
  };
}

/** A refused consume rejects with a RateLimiterRes; anything else (the store failed) must not open the door. */
function waitOf(reason: unknown): number {
  if (reason instanceof RateLimiterRes) return Math.max(1, reason.msBeforeNext);
  throw reason instanceof Error ? reason : new Error(String(reason));
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();
const digest = (value: string) => crypto.createHash('sha256').update(value).digest('hex');
