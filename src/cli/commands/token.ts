import type { Command } from 'commander';
import { createApiToken } from '../../use-cases/accounts/create-api-token';
import { printJson, say, withRuntime } from '../cli-io';

export function registerToken(program: Command): void {
  const token = program.command('token').description('manage API tokens');
  token
    .command('create')
    .description('create a bearer token for scripts; prints {"token"} once, stores only its hash')
    .requiredOption('--email <email>', 'the user the token acts as')
    .option('--name <name>', 'a label to recognise the token by')
    .action(async (options: { email: string; name?: string }) => {
      const created = await withRuntime(({ database }) => createApiToken(database.db, options));
      say('Store this token now: it is not shown again.');
      printJson(created);
    });
}
