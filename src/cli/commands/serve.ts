import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { demoSignInBlock } from '../../demo/demo-sign-in';
import { startServer } from '../../http/start-server';
import { say } from '../cli-io';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('migrate, then serve the web app and API on PORT with an in-process worker')
    .option('--no-worker', 'do not run an in-process worker')
    .option('--demo', 'on first start, create the demo workspace and print its sign-in')
    .action(async (options: { worker: boolean; demo?: boolean }) => {
      const server = await startServer(loadConfig(), { worker: options.worker, demo: options.demo === true });
      say(`TenantAtlas is serving on ${server.url}`);
      if (server.demoSignIn) say(demoSignInBlock(server.url, server.demoSignIn));
      const stop = async () => {
        say('Shutting down…');
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
