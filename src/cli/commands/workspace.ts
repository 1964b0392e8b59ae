import type { Command } from 'commander';
import { createWorkspace } from '../../use-cases/accounts/create-workspace';
import { printJson, withRuntime } from '../cli-io';

export function registerWorkspace(program: Command): void {
  const workspace = program.command('workspace').description('manage workspaces');
  workspace
    .command('create')
    .description('create a workspace; prints {"id","name","slug"}')
    .requiredOption('--name <name>', 'display name')
    .option('--slug <slug>', 'URL name (derived from the name when omitted)')
    .action(async (options: { name: string; slug?: string }) => {
      const created = await withRuntime(({ database }) => createWorkspace(database.db, options));
      printJson({ id: created.id, name: created.name, slug: created.slug });
    });
}
