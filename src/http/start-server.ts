import type { AppConfig } from '../config';
import { openRuntime, type Runtime } from '../runtime/open-runtime';
import { loggerOptions } from '../runtime/logger';
import { seedDemoWorkspace } from '../demo/seed-demo';
import { buildApp } from './app';

export interface StartServerOptions {
  demo?: boolean;
  worker?: boolean;
}

export interface RunningServer {
  url: string;
  runtime: Runtime;
  close(): Promise<void>;
}

/** `tenantatlas serve`: migrate, optionally seed the demo, then serve the API and the web app. */
export async function startServer(config: AppConfig, options: StartServerOptions = {}): Promise<RunningServer> {
  const runtime = await openRuntime(config);
  const app = await buildApp({ db: runtime.database.db, config, keys: runtime.keys }, { logger: loggerOptions(config.logLevel) });
  if (options.demo) await seedDemoWorkspace(runtime.database.db, { log: (line) => process.stderr.write(`${line}\n`) });
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('[::1]', 'localhost');
  return {
    url,
    runtime,
    close: async () => {
      await app.close();
      await runtime.close();
    },
  };
}
