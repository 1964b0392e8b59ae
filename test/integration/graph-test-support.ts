// Shared set-up for the Graph client tests: a simulator on loopback and clients whose waits, jitter,
// logs, outgoing bearer tokens and client-request-ids are observable, so tests assert behaviour without real waiting:
// the retry budget's clock moves by what the client slept, so "10 minutes of throttling" takes milliseconds.
import { GraphClient, TenantConcurrency, memoryRequestBudget, type GraphClientOptions, type GraphLogger } from '../../src/graph';
import type { GraphSim, SimTenant } from '../../src/graph-sim';

export interface ObservedClient {
  client: GraphClient;
  /** Every wait the client asked for, in ms. */
  sleeps: number[];
  /** Every log line, serialized. */
  logLines: string[];
  /** Every bearer token the client sent. */
  sentTokens: Set<string>;
  /** The client-request-id header of every Graph request (token requests excluded), in order. */
  sentRequestIds: string[];
}

export function observedClient(sim: GraphSim, tenant: SimTenant, overrides: Partial<GraphClientOptions> = {}): ObservedClient {
  const sleeps: number[] = [];
  const logLines: string[] = [];
  const sentTokens = new Set<string>();
  const sentRequestIds: string[] = [];
  let slept = 0;
  const capture = (level: string) => (fields: object, message: string) => {
    logLines.push(JSON.stringify({ level, message, ...fields }));
  };
  const logger: GraphLogger = { debug: capture('debug'), info: capture('info'), warn: capture('warn') };
  const recordingFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const authorization = headers.get('authorization');
    if (authorization?.startsWith('Bearer ')) sentTokens.add(authorization.slice('Bearer '.length));
    if (!String(input).includes('/oauth2/')) sentRequestIds.push(headers.get('client-request-id') ?? '');
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
      slept += ms;
    },
    now: () => Date.now() + slept,
    random: () => 0.5,
    requestTimeoutMs: 5_000,
    // A private registry per client keeps tests independent of one another's limits.
    concurrency: new TenantConcurrency(),
    // And a private request budget, so that one test's requests never make another wait.
    requestBudget: memoryRequestBudget(),
    logger,
    fetch: recordingFetch,
    ...overrides,
  });
  return { client, sleeps, logLines, sentTokens, sentRequestIds };
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
