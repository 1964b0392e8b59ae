import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { backupEmbeddedDatabase, restoreEmbeddedDatabase } from '../../runtime/embedded-backup';
import { printJson, say } from '../cli-io';

// `tenantatlas backup FILE` and `tenantatlas restore FILE [--force]` (SPEC §10) for the embedded database. Stop the
// server first: the embedded database belongs to one process at a time.
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .argument('<file>', 'where to write the backup (it holds the secret key: keep it like the data directory)')
    .description('write the embedded database and its secret key to FILE (stop the server first)')
    .action(async (file: string) => {
      const config = loadConfig();
      const written = await backupEmbeddedDatabase(config, file);
      say(`Backed up ${config.dataDir} to ${written.file}.`);
      printJson(written);
    });

  program
    .command('restore')
    .argument('<file>', 'a file written by `tenantatlas backup`')
    .option('--force', 'replace a data directory that is not empty')
    .description('restore FILE into TENANTATLAS_DATA_DIR (refuses a non-empty directory without --force)')
    .action(async (file: string, options: { force?: boolean }) => {
      const restored = await restoreEmbeddedDatabase(loadConfig(), file, { force: options.force === true });
      say(`Restored the backup of ${restored.created_at} into ${restored.data_dir}.`);
      printJson(restored);
    });
}
