import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { findUserByEmail } from '../../db/queries/users';
import { PasswordHashBusy, type PasswordHashGate } from '../../security/password-hash-gate';
import { dummyPasswordHash, verifyPassword } from '../../security/passwords';
import type { SignInLimiter } from '../../security/sign-in-limits';
import { recordSignIn, recordSignInFailure } from './record-sign-in';

export interface SignInGuards {
  limiter: SignInLimiter;
  hashGate: PasswordHashGate;
}

export type SignInResult =
  | { kind: 'signed_in'; user: { id: number; email: string | null; name: string | null } }
  /** Wrong email or password; the caller answers both the same way so accounts cannot be probed. */
  | { kind: 'invalid' }
  /** Over a limit: refused before any hashing, whether or not the account exists. */
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  /** Too many password checks in flight: try again in a moment. */
  | { kind: 'busy' };

/**
 * Checks credentials under the sign-in limits: the attempt is counted and, when over a limit, refused before
 * the expensive hash; the hash itself runs through the gate that caps concurrent hashing. An unknown email
 * costs the same hash as a wrong password.
 */
export async function signIn(db: Kysely<Database>, guards: SignInGuards, attempt: { email: string; password: string; address: string }): Promise<SignInResult> {
  const wait = await guards.limiter.admit(attempt.address, attempt.email);
  if (wait !== null) return { kind: 'rate_limited', retryAfterSeconds: wait };

  let valid: boolean;
  let user: Awaited<ReturnType<typeof findUserByEmail>>;
  try {
    user = await findUserByEmail(db, attempt.email);
    valid = await guards.hashGate.run(async () => verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), attempt.password));
  } catch (error) {
    if (error instanceof PasswordHashBusy) return { kind: 'busy' };
    throw error;
  }
  if (!user || !valid) {
    await guards.limiter.recordFailure(attempt.email);
    await recordSignInFailure(db, { email: attempt.email, user: user ?? null, ip: attempt.address, reason: user ? 'wrong_password' : 'unknown_email' });
    return { kind: 'invalid' };
  }
  await guards.limiter.recordSuccess(attempt.address, attempt.email);
  await recordSignIn(db, user, attempt.address, 'password');
  return { kind: 'signed_in', user: { id: user.id, email: user.email, name: user.name } };
}
