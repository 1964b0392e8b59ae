import crypto from 'node:crypto';
import fs from 'node:fs';
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';

// Backups of the embedded database (SPEC §10, issue 10). A backup file is one line of JSON (what it is, when it was
// made, the migrations it holds, and the installation's secret key — without which stored provider secrets cannot be
// decrypted and sessions not verified), then PGlite's own gzip tarball of the database files. PGlite writes that
// tarball from a consistent state, and the same PGlite reads it back, so no format of ours describes the database.
// A backup is as sensitive as the data directory itself: it is written readable by its owner only.

const FORMAT = 'tenantatlas-embedded-backup';
const VERSION = 1;
const SECRET_KEY_FILE = 'secret.key';

interface BackupManifest {
  format: typeof FORMAT;
  version: typeof VERSION;
  created_at: string;
  migrations: string[];
  secret_key: string;
}

export class BackupRefusal extends Error {}

const postgresAdvice = (verb: 'backup' | 'restore') =>
  verb === 'backup'
    ? 'DATABASE_URL is set: back up PostgreSQL with its own tools, e.g. `pg_dump --format=custom --file=tenantatlas.dump "$DATABASE_URL"`, and keep TENANTATLAS_SECRET_KEY with it (README, "Backups").'
    : 'DATABASE_URL is set: restore PostgreSQL with its own tools, e.g. `pg_restore --clean --if-exists --dbname="$DATABASE_URL" tenantatlas.dump`, and start the servers with the same TENANTATLAS_SECRET_KEY (README, "Backups").';

const isEmbeddedDatabase = (dataDir: string) => fs.existsSync(path.join(dataDir, 'PG_VERSION'));

/** Writes the embedded database of `config.dataDir` to `file`. The server must be stopped (one process owns it). */
export async function backupEmbeddedDatabase(config: AppConfig, file: string): Promise<{ file: string; bytes: number; created_at: string; migrations: number }> {
  if (config.databaseUrl) throw new BackupRefusal(postgresAdvice('backup'));
  if (!isEmbeddedDatabase(config.dataDir)) throw new BackupRefusal(`There is no embedded database in ${config.dataDir} (TENANTATLAS_DATA_DIR).`);
  const secretKey = (await readFile(path.join(config.dataDir, SECRET_KEY_FILE), 'utf8').catch(() => '')).trim();
  if (!secretKey) throw new BackupRefusal(`${config.dataDir} has no ${SECRET_KEY_FILE}; without it a backup could not decrypt its provider secrets.`);

  const database = await openDatabase({ dataDir: config.dataDir });
  let tarball: Blob;
  let migrations: string[];
  try {
    migrations = (await database.db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never).execute()).map((row) => (row as { name: string }).name);
    tarball = await database.dumpDataDir!('gzip');
  } finally {
    await database.close();
  }
  const manifest: BackupManifest = { format: FORMAT, version: VERSION, created_at: new Date().toISOString(), migrations, secret_key: secretKey };
  // Written next to its destination and renamed into place, so an interrupted backup never leaves a truncated FILE.
  const target = path.resolve(file);
  const partial = `${target}.partial-${crypto.randomBytes(4).toString('hex')}`;
  const handle = await open(partial, 'wx', 0o600);
  try {
    await handle.write(`${JSON.stringify(manifest)}\n`);
    await handle.write(Buffer.from(await tarball.arrayBuffer()));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(partial, target);
  return { file: target, bytes: fs.statSync(target).size, created_at: manifest.created_at, migrations: migrations.length };
}

/**
 * Restores `file` into `config.dataDir`. A non-empty data directory is replaced only with `force`; even then the
 * backup is first restored beside it and opened (and migrated to this version), and only a copy that opened replaces
 * the old directory — a broken backup file never costs the data that was there.
 */
export async function restoreEmbeddedDatabase(config: AppConfig, file: string, options: { force: boolean }): Promise<{ data_dir: string; created_at: string; migrations_applied: string[] }> {
  if (config.databaseUrl) throw new BackupRefusal(postgresAdvice('restore'));
  const dataDir = config.dataDir;
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0 && !options.force) {
    throw new BackupRefusal(`${dataDir} is not empty. Restore into an empty TENANTATLAS_DATA_DIR, or add --force to replace what is there.`);
  }
  const { manifest, tarball } = await readBackup(file);

  const staging = `${dataDir.replace(/\/+$/, '')}.restoring-${crypto.randomBytes(4).toString('hex')}`;
  let migrationsApplied: string[];
  try {
    const database = await openDatabase({ dataDir: staging, loadDataDir: tarball });
    try {
      migrationsApplied = await migrateToLatest(database.db as never);
    } finally {
      await database.close();
    }
    await writeFile(path.join(staging, SECRET_KEY_FILE), manifest.secret_key, { mode: 0o600 });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await rm(dataDir, { recursive: true, force: true });
  await rename(staging, dataDir);
  return { data_dir: dataDir, created_at: manifest.created_at, migrations_applied: migrationsApplied };
}

async function readBackup(file: string): Promise<{ manifest: BackupManifest; tarball: Blob }> {
  const content = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new BackupRefusal(error.code === 'ENOENT' ? `${file} does not exist.` : `${file} cannot be read: ${error.message}`);
  });
  const newline = content.indexOf(10);
  const notABackup = new BackupRefusal(`${file} is not a TenantAtlas backup (made by \`tenantatlas backup\`).`);
  if (newline < 0 || newline > 1_000_000) throw notABackup;
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(content.subarray(0, newline).toString('utf8')) as BackupManifest;
  } catch {
    throw notABackup;
  }
  if (manifest.format !== FORMAT || typeof manifest.secret_key !== 'string') throw notABackup;
  if (manifest.version !== VERSION) throw new BackupRefusal(`${file} is a backup of format version ${String(manifest.version)}; this version reads version ${VERSION}.`);
  return { manifest, tarball: new Blob([content.subarray(newline + 1)]) };
}
