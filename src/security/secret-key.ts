import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The one secret the product holds (SPEC §8). Sub-keys for different purposes are derived with HKDF so
 * that the session signature and the provider-secret encryption never share a key.
 */
export interface SecretKeys {
  sessionSecret: string;
  /** Signs short-lived cookies other than the session (the Entra ID sign-in's state, nonce and PKCE verifier). */
  cookieSecret: string;
  encryptionKey: Buffer;
}

export interface SecretKeyOptions {
  secretKey: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
}

export function loadSecretKeys(options: SecretKeyOptions): SecretKeys {
  return deriveKeys(options.secretKey ?? embeddedSecretKey(options));
}

function embeddedSecretKey({ databaseUrl, dataDir }: SecretKeyOptions): string {
  // A server on PostgreSQL may run as several processes; they must share one key, so it must be given.
  if (databaseUrl) throw new Error('TENANTATLAS_SECRET_KEY must be set when DATABASE_URL is used.');
  const file = path.join(dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export function deriveKeys(secretKey: string): SecretKeys {
  if (secretKey.length < 16) throw new Error('TENANTATLAS_SECRET_KEY must be at least 16 characters.');
  const derive = (purpose: string) => Buffer.from(crypto.hkdfSync('sha256', secretKey, 'tenantatlas', purpose, 32));
  return { sessionSecret: derive('session').toString('base64url'), cookieSecret: derive('cookie').toString('base64url'), encryptionKey: derive('provider-secret') };
}
