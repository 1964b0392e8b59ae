import type { AppConfig } from '../config';
import { openRuntime, type Runtime } from '../runtime/open-runtime';
import { createLogger } from '../runtime/logger';
import { makeDemoDrift } from '../demo/demo-drift';
import { startDemoGraph } from '../demo/demo-graph';
import { recallDemoSignIn, type DemoSignIn } from '../demo/demo-sign-in';
import { DEMO_EMAIL, seedDemoWorkspace } from '../demo/seed-demo';
import { startOperationsEngine } from '../jobs/operations-engine';
import { loadWorkerSettings, type WorkerSettings } from '../jobs/worker-settings';
import { startConfiguredMetricsServer, type MetricsServer } from '../observability/metrics-server';
import { buildApp } from './app';

export interface StartServerOptions {
  /** On an empty database, create the demo workspace. Unless TENANTATLAS_GRAPH_URL points elsewhere, the demo
   *  talks to an in-process graph-sim, so its runs really execute. */
  demo?: boolean;
  /** Run the in-process worker (default). Without it, runs wait for a `tenantatlas worker` process. */
  worker?: boolean;
  workerSettings?: WorkerSettings;
}

export interface RunningServer {
  url: string;
  /** With `demo`: how to sign in to the demo, printed by `serve` at every start. */
  demoSignIn: DemoSignIn | null;
  runtime: Runtime;
  close(): Promise<void>;
}

/** `tenantatlas serve`: migrate, start the operations engine, optionally seed the demo, then serve. */
export async function startServer(baseConfig: AppConfig, options: StartServerOptions = {}): Promise<RunningServer> {
  const logger = createLogger({ level: baseConfig.logLevel });
  const demoGraph = options.demo && !process.env.TENANTATLAS_GRAPH_URL ? await startDemoGraph() : null;
  const config = demoGraph ? { ...baseConfig, graphUrl: demoGraph.url, loginUrl: demoGraph.url } : baseConfig;
  const runtime = await openRuntime(config).catch(async (error: unknown) => {
    await demoGraph?.close();
    throw error;
  });
  const engine = await startOperationsEngine(runtime, {
    worker: options.worker !== false,
    settings: options.workerSettings ?? loadWorkerSettings(),
    log: logger,
  }).catch(async (error: unknown) => {
    await runtime.close();
    await demoGraph?.close();
    throw error;
  });
  let metrics: MetricsServer | null = null;
  const close = async () => {
    await metrics?.stop();
    await engine.stop();
    await runtime.close();
    await demoGraph?.close();
  };
  try {
    const ctx = { db: runtime.database.db, config, keys: runtime.keys, operations: engine };
    const app = await buildApp(ctx, { logger });
    if (config.secureCookies && config.trustProxy === false) {
      // Session cookies are then sent only over connections this process sees as HTTPS; behind a TLS proxy that
      // is never, and nobody could sign in. Say so at start instead of at the first failed sign-in.
      app.log.warn(
        'TENANTATLAS_SECURE_COOKIES is on but TENANTATLAS_TRUST_PROXY is not set: behind a TLS-terminating proxy, set it to the proxy\'s address (docs/SECURITY.md), or browsers get no session.',
      );
    }
    if (options.demo) {
      await seedDemoWorkspace(runtime.database.db, {
        log: (line) => process.stderr.write(`${line}\n`),
        encryptionKey: runtime.keys.encryptionKey,
        dataDir: config.dataDir,
        queue: engine.queue,
        graph: demoGraph ? { tenants: demoGraph.tenants, faults: demoGraph.faults, makeDrift: (entraTenantId) => makeDemoDrift(demoGraph, entraTenantId) } : null,
      });
    }
    metrics = await startConfiguredMetricsServer(config, logger);
    const address = await app.listen({ port: config.port, host: config.host });
    return {
      url: address.replace('[::1]', 'localhost'),
      demoSignIn: options.demo ? await recallDemoSignIn(runtime.database.db, config.dataDir, DEMO_EMAIL) : null,
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
