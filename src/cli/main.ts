import { Command } from 'commander';
import { commands } from './commands';

// Entry point of `tenantatlas`. Each subcommand lives in its own file under ./commands and registers
// itself; stdout is reserved for the one JSON object a creating command prints (SPEC §10).
const program = new Command('tenantatlas').description('TenantAtlas: Intune governance console');
program.showHelpAfterError();
for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`tenantatlas: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
