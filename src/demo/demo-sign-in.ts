import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { findUserByEmail } from '../db/queries/users';
import type { Database } from '../db/schema';
import { verifyPassword } from '../security/passwords';

// The demo's sign-in is shown at every start of the demo, not only the first: a newcomer who restarted or
// lost the terminal is not locked out. The password is the demo's own (generated for it, or chosen with
// TENANTATLAS_DEMO_PASSWORD), so it is kept beside the embedded database, readable by its owner only —
// and shown only while it still works: once someone changed it, the block says how to set a new one.
const FILE_NAME = 'demo-sign-in.json';

export interface DemoSignIn {
  email: string;
  /** null when the remembered password no longer signs in (or was never remembered here). */
  password: string | null;
}

export function rememberDemoSignIn(dataDir: string, signIn: { email: string; password: string }): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, FILE_NAME), `${JSON.stringify(signIn)}\n`, { mode: 0o600 });
}

export async function recallDemoSignIn(db: Kysely<Database>, dataDir: string, email: string): Promise<DemoSignIn> {
  let remembered: { password?: unknown } = {};
  try {
    remembered = JSON.parse(fs.readFileSync(path.join(dataDir, FILE_NAME), 'utf8')) as { password?: unknown };
  } catch {
    return { email, password: null };
  }
  const user = await findUserByEmail(db, email);
  const password = typeof remembered.password === 'string' ? remembered.password : null;
  const stillValid = password !== null && user !== undefined && (await verifyPassword(user.password_hash, password));
  return { email, password: stillValid ? password : null };
}

/** The block `serve --demo` prints after it listens: where to go and how to sign in. */
export function demoSignInBlock(url: string, signIn: DemoSignIn): string {
  const lines = [
    '',
    '  ------------------------------------------------------------------',
    '  TenantAtlas demo',
    `    Open       ${url}`,
    `    Email      ${signIn.email}`,
    signIn.password === null
      ? '    Password   (not known here: it was changed, or the demo was created elsewhere)'
      : `    Password   ${signIn.password}`,
    `  Forgot it?  npx tenantatlas user reset-password --email ${signIn.email}   (new password on stdin)`,
    '  ------------------------------------------------------------------',
    '',
  ];
  return lines.join('\n');
}
