import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { startConfiguredMetricsServer } from '../../observability/metrics-server';
import { createLogger } from '../../runtime/logger';
import { startOperationsEngine } from '../../jobs/operations-engine';
import { loadWorkerSettings } from '../../jobs/worker-settings';
import { openRuntime } from '../../runtime/open-runtime';
import { say } from '../cli-io';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run a worker process only (PostgreSQL; several may run against one database)')
    .action(async () => {
      const config = loadConfig();
      if (!config.databaseUrl) {
        throw new Error(
          'the worker command needs PostgreSQL (DATABASE_URL). The embedded database can be opened by one process only, ' +
            'so there `tenantatlas serve` runs the worker in-process: start serve instead.',
        );
      }
      const settings = loadWorkerSettings();
      const runtime = await openRuntime(config);
      const logger = createLogger({ level: config.logLevel });
      const engine = await startOperationsEngine(runtime, { worker: true, settings, log: logger }).catch(
        async (error: unknown) => {
          await runtime.close();
          throw error;
        },
      );
      const metrics = await startConfiguredMetricsServer(config, logger);
      say(`Worker ${engine.worker?.id ?? ''} is running (concurrency ${settings.concurrency}); stop it with SIGTERM or Ctrl-C.`);
      const stop = async (signal: string) => {
        say(`${signal}: finishing running runs (up to ${settings.shutdownGraceSeconds} s), then stopping…`);
        await metrics?.stop();
        await engine.stop();
        await runtime.close();
        process.exit(0);
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
    });
}
