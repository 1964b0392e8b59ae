import crypto from 'node:crypto';
import fs from 'node:fs';
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { AppConfig } from '../config';
import { LOCK_FILE, lockDataDir } from '../db/data-dir-lock';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';

// Backups of the embedded database (SPEC §10, issue 10). A backup file is one line of JSON (what it is, when it was
// made, the migrations it holds, the installation's secret key — without which stored provider secrets cannot be
// decrypted and sessions not verified — and, since version 2, a SHA-256 over all of that and the rest of the file),
// then PGlite's own gzip tarball of the database files. PGlite writes that tarball from a consistent state, and the
// same PGlite reads it back, so no format of ours describes the database.
// A backup is as sensitive as the data directory itself: it is written readable by its owner only.
//
// Restore checks the whole file before it touches anything (issue 20): a truncated or altered backup is refused as
// damaged instead of failing half-way inside PGlite's decompression. Backup and restore take the data directory's
// lock (db/data-dir-lock.ts), so neither runs beside a server that has the directory open: stop the server first.

const FORMAT = 'tenantatlas-embedded-backup';
const VERSION = 2;
const SECRET_KEY_FILE = 'secret.key';

interface BackupManifest {
  format: typeof FORMAT;
  version: number;
  created_at: string;
  migrations: string[];
  secret_key: string;
  /** Version 2: hex SHA-256 of the manifest line without this field, a newline, and the tarball. */
  sha256?: string;
}

export class BackupRefusal extends Error {}

const postgresAdvice = (verb: 'backup' | 'restore') =>
  verb === 'backup'
    ? 'DATABASE_URL is set: back up PostgreSQL with its own tools, e.g. `pg_dump --format=custom --file=tenantatlas.dump "$DATABASE_URL"`, and keep TENANTATLAS_SECRET_KEY with it (README, "Backups").'
    : 'DATABASE_URL is set: restore PostgreSQL with its own tools, e.g. `pg_restore --clean --if-exists --dbname="$DATABASE_URL" tenantatlas.dump`, and start the servers with the same TENANTATLAS_SECRET_KEY (README, "Backups").';

const isEmbeddedDatabase = (dataDir: string) => fs.existsSync(path.join(dataDir, 'PG_VERSION'));

const checksum = (manifestLine: string, tarball: Uint8Array) =>
  crypto.createHash('sha256').update(manifestLine).update('\n').update(tarball).digest('hex');

/** Writes the embedded database of `config.dataDir` to `file`. Refused while a server has the directory open. */
export async function backupEmbeddedDatabase(config: AppConfig, file: string): Promise<{ file: string; bytes: number; created_at: string; migrations: number }> {
  if (config.databaseUrl) throw new BackupRefusal(postgresAdvice('backup'));
  if (!isEmbeddedDatabase(config.dataDir)) throw new BackupRefusal(`There is no embedded database in ${config.dataDir} (TENANTATLAS_DATA_DIR).`);
  const secretKey = (await readFile(path.join(config.dataDir, SECRET_KEY_FILE), 'utf8').catch(() => '')).trim();
  if (!secretKey) throw new BackupRefusal(`${config.dataDir} has no ${SECRET_KEY_FILE}; without it a backup could not decrypt its provider secrets.`);

  const lock = lockDataDir(config.dataDir, 'backup');
  let tarball: Uint8Array;
  let migrations: string[];
  try {
    const database = await openDatabase({ dataDir: config.dataDir });
    try {
      migrations = (await database.db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never).execute()).map((row) => (row as { name: string }).name);
      tarball = new Uint8Array(await (await database.dumpDataDir!('gzip')).arrayBuffer());
    } finally {
      await database.close();
    }
  } finally {
    lock.release();
  }
  const fields: BackupManifest = { format: FORMAT, version: VERSION, created_at: new Date().toISOString(), migrations, secret_key: secretKey };
  const manifest: BackupManifest = { ...fields, sha256: checksum(JSON.stringify(fields), tarball) };
  // Written next to its destination and renamed into place, so an interrupted backup never leaves a truncated FILE.
  const target = path.resolve(file);
  const partial = `${target}.partial-${crypto.randomBytes(4).toString('hex')}`;
  const handle = await open(partial, 'wx', 0o600);
  try {
    await handle.write(`${JSON.stringify(manifest)}\n`);
    await handle.write(tarball);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(partial, target);
  return { file: target, bytes: fs.statSync(target).size, created_at: manifest.created_at, migrations: migrations.length };
}

/**
 * Restores `file` into `config.dataDir`. The file is verified first; a non-empty data directory is replaced only with
 * `force`; even then the backup is first restored beside it and opened (and migrated to this version), and only a
 * copy that opened replaces the old directory — a broken backup file never costs the data that was there.
 */
export async function restoreEmbeddedDatabase(config: AppConfig, file: string, options: { force: boolean }): Promise<{ data_dir: string; created_at: string; migrations_applied: string[] }> {
  if (config.databaseUrl) throw new BackupRefusal(postgresAdvice('restore'));
  const dataDir = config.dataDir.replace(/\/+$/, '');
  const existed = fs.existsSync(dataDir);
  const lock = lockDataDir(dataDir, 'restore');
  const staging = `${dataDir}.restoring-${crypto.randomBytes(4).toString('hex')}`;
  try {
    if (existed && fs.readdirSync(dataDir).some((entry) => entry !== LOCK_FILE) && !options.force) {
      throw new BackupRefusal(`${dataDir} is not empty. Restore into an empty TENANTATLAS_DATA_DIR, or add --force to replace what is there.`);
    }
    const { manifest, tarball } = await readBackup(file);
    let migrationsApplied: string[];
    try {
      const database = await openDatabase({ dataDir: staging, loadDataDir: new Blob([new Uint8Array(tarball)]) });
      try {
        migrationsApplied = await migrateToLatest(database.db as never);
      } finally {
        await database.close();
      }
      await writeFile(path.join(staging, SECRET_KEY_FILE), manifest.secret_key, { mode: 0o600 });
      // The tarball holds the lock file of the process that made it; the restored directory carries this one's.
      await rm(path.join(staging, LOCK_FILE), { force: true });
      fs.copyFileSync(path.join(dataDir, LOCK_FILE), path.join(staging, LOCK_FILE));
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    await rm(dataDir, { recursive: true, force: true });
    await rename(staging, dataDir);
    return { data_dir: dataDir, created_at: manifest.created_at, migrations_applied: migrationsApplied };
  } finally {
    lock.release();
    if (!existed && !isEmbeddedDatabase(dataDir)) await rm(dataDir, { recursive: true, force: true });
  }
}

async function readBackup(file: string): Promise<{ manifest: BackupManifest; tarball: Uint8Array }> {
  const content = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new BackupRefusal(error.code === 'ENOENT' ? `${file} does not exist.` : `${file} cannot be read: ${error.message}`);
  });
  const newline = content.indexOf(10);
  const looksLikeOurs = content.subarray(0, 64).toString('latin1').includes(FORMAT);
  const damaged = (why: string) =>
    new BackupRefusal(`${file}: this backup is damaged (${why}); nothing was changed. Restore another copy of it.`);
  const notABackup = new BackupRefusal(`${file} is not a TenantAtlas backup (made by \`tenantatlas backup\`).`);
  if (newline < 0 || newline > 1_000_000) throw looksLikeOurs ? damaged('it ends inside its first line') : notABackup;
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(content.subarray(0, newline).toString('utf8')) as BackupManifest;
  } catch {
    throw looksLikeOurs ? damaged('its first line is not readable') : notABackup;
  }
  if (manifest.format !== FORMAT || typeof manifest.secret_key !== 'string') throw looksLikeOurs ? damaged('its first line is incomplete') : notABackup;
  if (manifest.version !== 1 && manifest.version !== VERSION) {
    throw new BackupRefusal(`${file} is a backup of format version ${String(manifest.version)}; this version reads versions 1 and ${VERSION}.`);
  }
  const tarball = content.subarray(newline + 1);
  if (manifest.version === VERSION) {
    const { sha256, ...fields } = manifest;
    if (typeof sha256 !== 'string' || checksum(JSON.stringify(fields), tarball) !== sha256) throw damaged('its SHA-256 checksum does not match its content');
  }
  // Version 1 has no checksum of its own; gzip's CRC-32 and length still tell a whole tarball from a damaged one.
  try {
    gunzipSync(tarball);
  } catch {
    throw damaged('its database archive does not decompress');
  }
  return { manifest, tarball };
}
