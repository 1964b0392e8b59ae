import type { AppConfig } from '../config';
import { openDatabase, type DatabaseHandle } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { loadSecretKeys, type SecretKeys } from '../security/secret-key';

export interface Runtime {
  config: AppConfig;
  database: DatabaseHandle;
  keys: SecretKeys;
  close(): Promise<void>;
}

/** Opens the configured database (PostgreSQL or the embedded default) and brings its schema up to date. */
export async function openRuntime(config: AppConfig, options: { migrate?: boolean } = {}): Promise<Runtime> {
  const keys = loadSecretKeys(config);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, preparedStatements: config.preparedStatements });
  try {
    if (options.migrate !== false) await migrateToLatest(database.db as never);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { config, database, keys, close: () => database.close() };
}
