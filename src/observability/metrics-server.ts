import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../config';
import { metricsRegistry } from './metrics';

// The metrics endpoint on a port of its own (TENANTATLAS_METRICS_PORT), in servers and workers alike: Prometheus
// scrapes every process, the console's port never serves it, and a firewall rule decides who may read it. Off
// unless configured (the embedded demo has none).
export interface MetricsServer {
  url: string;
  stop(): Promise<void>;
}

export async function startMetricsServer(port: number, host: string): Promise<MetricsServer> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: metrics are at GET /metrics\n');
      return;
    }
    metricsRegistry.metrics().then(
      (body) => response.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/metrics`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The metrics endpoint of this process when TENANTATLAS_METRICS_PORT is set, else none. */
export async function startConfiguredMetricsServer(config: AppConfig, log: { info(fields: object, message: string): void }): Promise<MetricsServer | null> {
  if (!config.metrics) return null;
  const server = await startMetricsServer(config.metrics.port, config.metrics.host);
  log.info({ url: server.url }, 'metrics endpoint listening');
  return server;
}
