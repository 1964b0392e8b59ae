import crypto from 'node:crypto';

const ITERATIONS = 4096;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677; PostgreSQL's
 * `scram_build_secret`), built here so CREATE/ALTER ROLE carries the verifier and never the password itself:
 * a statement log (log_statement = 'ddl' or 'all') then holds nothing that signs in. psql's \password does
 * the same. The password is used as given (no SASLprep): for the ASCII passwords we generate, that is identical.
 */
export function scramSha256Verifier(password: string, salt: Buffer = crypto.randomBytes(16)): string {
  const salted = crypto.pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha256');
  const clientKey = crypto.createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = crypto.createHash('sha256').update(clientKey).digest();
  const serverKey = crypto.createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${ITERATIONS}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
