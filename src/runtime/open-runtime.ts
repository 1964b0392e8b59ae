import type { AppConfig } from '../config';
import { lockDataDir } from '../db/data-dir-lock';
import { openDatabase, type DatabaseHandle } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { loadSecretKeys, type SecretKeys } from '../security/secret-key';

export interface Runtime {
  config: AppConfig;
  database: DatabaseHandle;
  keys: SecretKeys;
  close(): Promise<void>;
}

/**
 * Opens the configured database (PostgreSQL or the embedded default) and brings its schema up to date. The embedded
 * database's directory is locked for as long as it is open (db/data-dir-lock.ts): a second process is refused.
 */
export async function openRuntime(config: AppConfig, options: { migrate?: boolean } = {}): Promise<Runtime> {
  const keys = loadSecretKeys(config);
  const database = await openLockedDatabase(config);
  try {
    if (options.migrate !== false) await migrateToLatest(database.db as never);
    return { config, database, keys, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** openDatabase for the configuration, holding the data directory's lock until `close` when it is the embedded one. */
export async function openLockedDatabase(config: AppConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openDatabase({ databaseUrl: config.databaseUrl, preparedStatements: config.preparedStatements });
  const lock = lockDataDir(config.dataDir);
  let database: DatabaseHandle;
  try {
    database = await openDatabase({ dataDir: config.dataDir });
  } catch (error) {
    lock.release();
    throw error;
  }
  return {
    ...database,
    close: async () => {
      try {
        await database.close();
      } finally {
        lock.release();
      }
    },
  };
}
