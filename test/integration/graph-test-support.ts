// Shared set-up for the Graph client tests: a simulator on loopback and clients whose waits, jitter,
// logs and outgoing bearer tokens are observable, so tests assert behaviour without real waiting.
import { GraphClient, TenantConcurrency, type GraphClientOptions, type GraphLogger } from '../../src/graph';
import type { GraphSim, SimTenant } from '../../src/graph-sim';

export interface ObservedClient {
  client: GraphClient;
  /** Every wait the client asked for, in ms. */
  sleeps: number[];
  /** Every log line, serialized. */
  logLines: string[];
  /** Every bearer token the client sent. */
  sentTokens: Set<string>;
}

export function observedClient(sim: GraphSim, tenant: SimTenant, overrides: Partial<GraphClientOptions> = {}): ObservedClient {
  const sleeps: number[] = [];
  const logLines: string[] = [];
  const sentTokens = new Set<string>();
  const capture = (level: string) => (fields: object, message: string) => {
    logLines.push(JSON.stringify({ level, message, ...fields }));
  };
  const logger: GraphLogger = { debug: capture('debug'), info: capture('info'), warn: capture('warn') };
  const recordingFetch: typeof fetch = async (input, init) => {
    const authorization = new Headers(init?.headers).get('authorization');
    if (authorization?.startsWith('Bearer ')) sentTokens.add(authorization.slice('Bearer '.length));
    return fetch(input, init);
  };
  const client = new GraphClient({
    entraTenantId: tenant.entra_tenant_id,
    clientId: tenant.client_id,
    clientSecret: tenant.client_secret,
    graphUrl: sim.url,
    loginUrl: sim.url,
    version: 'beta',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    requestTimeoutMs: 5_000,
    // A private registry per client keeps tests independent of one another's limits.
    concurrency: new TenantConcurrency(),
    logger,
    fetch: recordingFetch,
    ...overrides,
  });
  return { client, sleeps, logLines, sentTokens };
}

export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

export function tokenRequests(sim: GraphSim): number {
  return sim.stats.requests.filter((request) => request.path.endsWith('/oauth2/v2.0/token')).length;
}

export function graphRequests(sim: GraphSim, pathPart = ''): number {
  return sim.stats.requests.filter((request) => /^\/(v1\.0|beta)\//.test(request.path) && request.path.includes(pathPart)).length;
}
