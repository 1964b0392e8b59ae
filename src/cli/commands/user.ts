import type { Command } from 'commander';
import { createUserWithMembership } from '../../use-cases/accounts/create-user';
import { resetPassword } from '../../use-cases/accounts/reset-password';
import { printJson, readPasswordFromStdin, withRuntime } from '../cli-io';

export function registerUser(program: Command): void {
  const user = program.command('user').description('manage users');
  user
    .command('create')
    .description('create a user (password read from stdin) or add an existing one to a workspace; prints {"id","email"}')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--workspace <id-or-slug>', 'workspace to join')
    .requiredOption('--role <role>', 'owner, manager, operator or readonly')
    .action(async (options: { email: string; name: string; workspace: string; role: string }) => {
      const password = await readPasswordFromStdin();
      const created = await withRuntime(({ database }) => createUserWithMembership(database.db, { ...options, password }));
      printJson({ id: created.id, email: created.email });
    });
  user
    .command('reset-password')
    .description('set a new password (read from stdin) and end the user\'s sessions; prints {"id","email"}')
    .requiredOption('--email <email>', 'sign-in email')
    .action(async (options: { email: string }) => {
      const password = await readPasswordFromStdin();
      const reset = await withRuntime(({ database }) => resetPassword(database.db, { email: options.email, password }));
      printJson(reset);
    });
}
