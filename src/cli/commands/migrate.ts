import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { migrateToLatest } from '../../db/migrate';
import { setUpRuntimeRole } from '../../db/runtime-role';
import { openLockedDatabase } from '../../runtime/open-runtime';
import { say } from '../cli-io';

// `tenantatlas migrate` runs as the schema's owner: TENANTATLAS_MIGRATION_DATABASE_URL when set, else DATABASE_URL.
// With --runtime-role it also creates (or brings up to date) the role serve and the workers connect as, which may
// append to the audit trail but never rewrite it (db/runtime-role.ts; issue 20 item 6).
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply the migrations (as the owner: TENANTATLAS_MIGRATION_DATABASE_URL, else DATABASE_URL)')
    .option(
      '--runtime-role <name>',
      'PostgreSQL: also create or update the role serve and workers connect as (no DDL, audit trail append-only); ' +
        'its password is TENANTATLAS_RUNTIME_ROLE_PASSWORD, or for a new role one generated and printed once',
    )
    .action(async (options: { runtimeRole?: string }) => {
      const config = loadConfig();
      const ownerUrl = config.migrationDatabaseUrl ?? config.databaseUrl;
      if (options.runtimeRole && !ownerUrl) {
        throw new Error('--runtime-role needs PostgreSQL (TENANTATLAS_MIGRATION_DATABASE_URL or DATABASE_URL): the embedded database has one user and no roles.');
      }
      const database = await openLockedDatabase({ ...config, databaseUrl: ownerUrl });
      try {
        const applied = await migrateToLatest(database.db as never);
        say(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
        if (options.runtimeRole) {
          const password = process.env.TENANTATLAS_RUNTIME_ROLE_PASSWORD || undefined;
          const result = await setUpRuntimeRole(database.db as never, database.raw, { role: options.runtimeRole, password });
          say(`${result.created ? 'Created' : 'Updated'} the runtime role "${result.role}": it may read and write the app's tables and append to the audit trail, never rewrite it.`);
          if (result.generatedPassword) {
            // Printed once, on stdout only (no logger, not in the progress messages): it is stored nowhere else.
            const runtimeUrl = new URL(ownerUrl!);
            runtimeUrl.username = result.role;
            runtimeUrl.password = result.generatedPassword;
            process.stdout.write(`DATABASE_URL=${runtimeUrl.toString()}\n`);
            say('That is the connection for serve and the workers, with a generated password shown only now: keep it in your secret store.');
          }
        }
      } finally {
        await database.close();
      }
    });
}
