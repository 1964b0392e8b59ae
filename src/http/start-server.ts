import type { AppConfig } from '../config';
import { openRuntime, type Runtime } from '../runtime/open-runtime';
import { loggerOptions } from '../runtime/logger';
import { seedDemoWorkspace } from '../demo/seed-demo';
import { stderrJobLogger } from '../jobs/job-logger';
import { startOperationsEngine } from '../jobs/operations-engine';
import { loadWorkerSettings, type WorkerSettings } from '../jobs/worker-settings';
import { buildApp } from './app';

export interface StartServerOptions {
  demo?: boolean;
  /** Run the in-process worker (default). Without it, runs wait for a `tenantatlas worker` process. */
  worker?: boolean;
  workerSettings?: WorkerSettings;
}

export interface RunningServer {
  url: string;
  runtime: Runtime;
  close(): Promise<void>;
}

/** `tenantatlas serve`: migrate, start the operations engine, optionally seed the demo, then serve. */
export async function startServer(config: AppConfig, options: StartServerOptions = {}): Promise<RunningServer> {
  const runtime = await openRuntime(config);
  const engine = await startOperationsEngine(runtime, {
    worker: options.worker !== false,
    settings: options.workerSettings ?? loadWorkerSettings(),
    log: stderrJobLogger(config.logLevel),
  }).catch(async (error: unknown) => {
    await runtime.close();
    throw error;
  });
  const close = async () => {
    await engine.stop();
    await runtime.close();
  };
  try {
    const ctx = { db: runtime.database.db, config, keys: runtime.keys, operations: engine };
    const app = await buildApp(ctx, { logger: loggerOptions(config.logLevel) });
    if (options.demo) await seedDemoWorkspace(runtime.database.db, { log: (line) => process.stderr.write(`${line}\n`) });
    const address = await app.listen({ port: config.port, host: config.host });
    return {
      url: address.replace('[::1]', 'localhost'),
      runtime,
      close: async () => {
        await app.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
