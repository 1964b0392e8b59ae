import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { migrateToLatest } from '../../db/migrate';
import { openLockedDatabase } from '../../runtime/open-runtime';
import { say } from '../cli-io';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply the migrations to the configured database')
    .action(async () => {
      const config = loadConfig();
      const database = await openLockedDatabase(config);
      try {
        const applied = await migrateToLatest(database.db as never);
        say(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await database.close();
      }
    });
}
