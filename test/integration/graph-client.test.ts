import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClientCredentialsTokenProvider, GraphError, TenantConcurrency, type GraphErrorCode } from '../../src/graph';
import { scrubFailureMessage } from '../../src/domain/operations/failure-summary';
import { startGraphSim, type FaultSpec, type GraphSim, type SimTenant } from '../../src/graph-sim';
import { caught, graphRequests, observedClient, tokenRequests } from './graph-test-support';

const configurationPolicies = 'deviceManagement/configurationPolicies';

let sim: GraphSim;
let tenant: SimTenant;
let otherTenant: SimTenant;

beforeAll(async () => {
  sim = await startGraphSim({ pageSize: 5 });
  [tenant, otherTenant] = sim.tenants as [SimTenant, SimTenant];
});
afterAll(async () => sim.close());
beforeEach(() => sim.stats.reset());
afterEach(() => sim.faults.clear());

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('token acquisition', () => {
  it('gets an app-only token once and reuses it while it is valid', async () => {
    const { client, sentTokens } = observedClient(sim, tenant);
    await client.get('organization', { version: 'v1.0' });
    await client.get('organization', { version: 'v1.0' });
    await Promise.all([client.get('organization'), client.get('organization')]);
    expect(tokenRequests(sim)).toBe(1);
    expect(sentTokens.size).toBe(1);
  });

  it('shares one token request between concurrent first calls', async () => {
    const { client } = observedClient(sim, tenant);
    await Promise.all(Array.from({ length: 5 }, () => client.get('organization')));
    expect(tokenRequests(sim)).toBe(1);
  });

  it('requests a new token once the cached one nears expiry', async () => {
    let now = 1_000_000;
    const provider = new ClientCredentialsTokenProvider({
      entraTenantId: tenant.entra_tenant_id,
      clientId: tenant.client_id,
      clientSecret: tenant.client_secret,
      loginUrl: sim.url,
      graphUrl: sim.url,
      now: () => now,
    });
    const first = await provider.getToken();
    now += 3599_000 - 301_000; // still five minutes and a second before expiry
    expect(await provider.getToken()).toBe(first);
    now += 2_000; // inside the refresh margin
    const second = await provider.getToken();
    expect(second).not.toBe(first);
    expect(tokenRequests(sim)).toBe(2);
  });

  it('gets a fresh token once when Graph rejects a revoked one', async () => {
    const { client, sentTokens } = observedClient(sim, tenant);
    await client.get('organization');
    sim.revokeTokens();
    const organization = await client.get('organization');
    expect(organization['value']).toHaveLength(1);
    expect(tokenRequests(sim)).toBe(2);
    expect(sentTokens.size).toBe(2);
  });

  it('maps wrong client credentials to auth.failed without retrying', async () => {
    const { client, sleeps } = observedClient(sim, tenant, { clientSecret: 'not-the-secret' });
    const error = await caught(client.get('organization'));
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ code: 'auth.failed', status: 401, attempts: 1, service_code: 'invalid_client' });
    expect((error as GraphError).message).toContain('AADSTS7000215');
    expect((error as GraphError).message).not.toContain('not-the-secret');
    expect(sleeps).toEqual([]);
  });

  it('maps an unknown tenant to auth.failed', async () => {
    const { client } = observedClient(sim, { ...tenant, entra_tenant_id: '00000000-0000-4000-8000-000000000000' });
    const error = await caught(client.get('organization'));
    expect(error).toMatchObject({ code: 'auth.failed', status: 400, service_code: 'invalid_request' });
  });
});

describe('paging', () => {
  it('follows @odata.nextLink to the end of a collection', async () => {
    const expected = tenant.policies[configurationPolicies] ?? [];
    expect(expected.length).toBeGreaterThan(10);
    const { client } = observedClient(sim, tenant);
    const items = await client.list(configurationPolicies);
    expect(items).toHaveLength(expected.length);
    expect(items.map((item) => item['id'])).toEqual(expected.map((item) => item.id));
    expect(graphRequests(sim, configurationPolicies)).toBe(Math.ceil(expected.length / 5));
  });

  it('yields page by page and passes the page size as $top', async () => {
    const expected = tenant.policies[configurationPolicies] ?? [];
    const { client } = observedClient(sim, tenant);
    const sizes: number[] = [];
    for await (const page of client.pages(configurationPolicies, { pageSize: 2 })) sizes.push(page.length);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(expected.length);
    expect(sizes.length).toBe(Math.ceil(expected.length / 2));
    expect(sim.stats.requests.filter((request) => request.path.includes('$top=2'))).toHaveLength(sizes.length);
  });

  it('reads a collection that fits one page with one request', async () => {
    const { client } = observedClient(sim, tenant);
    const scopeTags = await client.list('deviceManagement/roleScopeTags', { pageSize: 50 });
    expect(scopeTags).toHaveLength(tenant.policies['deviceManagement/roleScopeTags']?.length ?? -1);
    expect(graphRequests(sim, 'roleScopeTags')).toBe(1);
  });

  it('fails when a later page fails, never ending the collection early', async () => {
    const { client } = observedClient(sim, tenant, { maxAttempts: 1 });
    const iterator = client.pages(configurationPolicies);
    const first = await iterator.next();
    expect(first.value).toHaveLength(5);
    sim.faults.set(tenant.entra_tenant_id, { kind: 'server_error' });
    await expect(iterator.next()).rejects.toMatchObject({ code: 'graph.unavailable' });
  });
});

describe('retries', () => {
  it('honours Retry-After on 429', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'throttle', count: 2, retryAfterSeconds: 3 });
    const { client, sleeps } = observedClient(sim, tenant);
    await client.get('organization');
    expect(sleeps).toEqual([3000, 3000]);
    expect(graphRequests(sim, 'organization')).toBe(3);
  });

  it('honours Retry-After on 503', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'unavailable', count: 1, retryAfterSeconds: 7 });
    const { client, sleeps } = observedClient(sim, tenant);
    await client.get('organization');
    expect(sleeps).toEqual([7000]);
  });

  it('backs off exponentially with full jitter when Retry-After is absent', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'throttle', count: 3 });
    const { client, sleeps } = observedClient(sim, tenant, { baseDelayMs: 100, random: () => 0.5 });
    await client.get('organization');
    // ceilings 100, 200, 400 ms, each scaled by the jitter draw
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it('draws the jitter from the injected random source, capped at maxDelayMs', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'server_error', count: 3 });
    const draws = [0, 0.999, 0.25];
    const { client, sleeps } = observedClient(sim, tenant, {
      baseDelayMs: 1000,
      maxDelayMs: 1500,
      random: () => draws.shift() ?? 0,
    });
    await client.get('organization');
    expect(sleeps).toEqual([0, Math.floor(0.999 * 1500), Math.floor(0.25 * 1500)]);
  });

  it('ignores Retry-After on a plain 500 and backs off instead', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'server_error', count: 1, retryAfterSeconds: 60 });
    const { client, sleeps } = observedClient(sim, tenant, { baseDelayMs: 100 });
    await client.get('organization');
    expect(sleeps).toEqual([50]);
  });

  it('keeps retrying a 429 with Retry-After until the time budget, then names the time spent', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'throttle', retryAfterSeconds: 1 });
    const { client, sleeps } = observedClient(sim, tenant, { retryBudgetMs: 10_000 });
    const error = await caught(client.get('organization'));
    // The clock moves by the waits (graph-test-support.ts): ten 1 s waits, then an eleventh would pass 10 s.
    expect(error).toMatchObject({ code: 'graph.throttled', status: 429 });
    expect(sleeps.length).toBeGreaterThanOrEqual(9);
    expect(sleeps.every((ms) => ms === 1000)).toBe(true);
    expect((error as GraphError).attempts).toBe(sleeps.length + 1);
    expect(graphRequests(sim, 'organization')).toBe(sleeps.length + 1);
    expect((error as GraphError).message).toMatch(/over \d+ attempts; waiting another 1 s would pass the 10 s retry budget\.$/);
  });

  it('retries a 503 until the budget too, far beyond four attempts', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'unavailable', count: 9, retryAfterSeconds: 2 });
    const { client, sleeps } = observedClient(sim, tenant);
    await expect(client.get('organization')).resolves.toHaveProperty('value');
    expect(sleeps).toEqual(Array.from({ length: 9 }, () => 2000));
  });

  it('bounds other 5xx by four attempts by default', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'server_error' });
    const { client, sleeps } = observedClient(sim, tenant);
    const error = await caught(client.get('organization'));
    expect(error).toMatchObject({ code: 'graph.unavailable', status: 500, attempts: 4 });
    expect(graphRequests(sim, 'organization')).toBe(4);
    expect(sleeps).toHaveLength(3);
  });

  it('stops after maxAttempts of 5xx and reports how many were made', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'server_error' });
    const { client } = observedClient(sim, tenant, { maxAttempts: 3 });
    await expect(client.get('organization')).rejects.toMatchObject({ code: 'graph.unavailable', status: 500, attempts: 3 });
    expect(graphRequests(sim, 'organization')).toBe(3);
  });

  it('stops a server that keeps answering 429 with Retry-After: 0', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'throttle', retryAfterSeconds: 0 });
    const { client } = observedClient(sim, tenant);
    await expect(client.get('organization')).rejects.toMatchObject({ code: 'graph.throttled', attempts: 21 });
  });

  it('does not retry client errors', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'forbidden' });
    const { client, sleeps } = observedClient(sim, tenant);
    await caught(client.get('organization'));
    expect(graphRequests(sim, 'organization')).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('logs each retry with path, status, attempt and wait', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'throttle', count: 1, retryAfterSeconds: 2 });
    const { client, logLines } = observedClient(sim, tenant);
    await client.get('deviceManagement/roleScopeTags?$select=id');
    const retries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['level'] === 'warn');
    expect(retries).toEqual([
      expect.objectContaining({ path: 'deviceManagement/roleScopeTags', status: 429, attempt: 1, wait_ms: 2000 }),
    ]);
  });
});

describe('error codes', () => {
  const faultCases: Array<[FaultSpec['kind'], GraphErrorCode, number | null]> = [
    ['throttle', 'graph.throttled', 429],
    ['unavailable', 'graph.unavailable', 503],
    ['server_error', 'graph.unavailable', 500],
    ['malformed', 'graph.malformed_response', 200],
    ['bad_credentials', 'auth.failed', 401],
    ['forbidden', 'graph.forbidden', 403],
  ];

  it.each(faultCases)('maps the %s fault to %s', async (kind, code, status) => {
    sim.faults.set(tenant.entra_tenant_id, { kind });
    const { client } = observedClient(sim, tenant, { maxAttempts: 2, retryBudgetMs: 5_000 });
    const error = await caught(client.list(configurationPolicies));
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ code, status });
  });

  it('maps a slow answer beyond the request timeout to graph.timeout', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'slow', delayMs: 10_000 });
    const { client, sleeps } = observedClient(sim, tenant, { requestTimeoutMs: 150, maxAttempts: 2 });
    const error = await caught(client.get('organization'));
    expect(error).toMatchObject({ code: 'graph.timeout', status: null, attempts: 2 });
    expect(sleeps).toHaveLength(1);
  });

  it('answers normally when a slow answer is within the timeout', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'slow', delayMs: 20, count: 1 });
    const { client } = observedClient(sim, tenant);
    await expect(client.get('organization')).resolves.toHaveProperty('value');
  });

  it('maps a refused connection to graph.network after retries', async () => {
    const { client, sleeps } = observedClient(sim, tenant, { graphUrl: await closedPortUrl(), loginUrl: sim.url, maxAttempts: 3 });
    const error = await caught(client.get('organization'));
    expect(error).toMatchObject({ code: 'graph.network', status: null, attempts: 3 });
    expect((error as GraphError).message).toContain('ECONNREFUSED');
    expect(sleeps).toHaveLength(2);
  });

  it('maps a refused connection to the token endpoint to graph.network', async () => {
    const { client } = observedClient(sim, tenant, { loginUrl: await closedPortUrl(), maxAttempts: 2 });
    await expect(client.get('organization')).rejects.toMatchObject({ code: 'graph.network', path: 'token', attempts: 2 });
  });

  it('maps a missing entity to graph.not_found', async () => {
    const { client } = observedClient(sim, tenant);
    await expect(client.get(`${configurationPolicies}/00000000-0000-4000-8000-000000000000`)).rejects.toMatchObject({
      code: 'graph.not_found',
      status: 404,
    });
  });

  it('maps other 4xx answers to graph.bad_request', async () => {
    const { client } = observedClient(sim, tenant);
    // configurationPolicies is beta-only; the simulator refuses it under v1.0 as Graph does.
    await expect(client.list(configurationPolicies, { version: 'v1.0' })).rejects.toMatchObject({
      code: 'graph.bad_request',
      status: 400,
      service_code: 'BadRequest',
    });
  });

  it('rejects a list answer without a value array as malformed', async () => {
    const { client } = observedClient(sim, tenant);
    const first = (tenant.policies[configurationPolicies] ?? [])[0];
    await expect(client.list(`${configurationPolicies}/${first?.id}`)).rejects.toMatchObject({ code: 'graph.malformed_response' });
  });
});

describe('throttling across a whole read', () => {
  it('reads every page of a collection while a third of all requests are throttled (Retry-After: 0)', async () => {
    const expected = tenant.policies[configurationPolicies] ?? [];
    sim.faults.set(tenant.entra_tenant_id, { kind: 'throttle', every: 3, retryAfterSeconds: 0 });
    const { client } = observedClient(sim, tenant);
    const items = await client.list(configurationPolicies);
    expect(items.map((item) => item['id'])).toEqual(expected.map((item) => item.id));
    const answered = sim.stats.requests.filter((request) => request.path.includes(configurationPolicies));
    expect(answered.filter((request) => request.status === 429).length).toBeGreaterThanOrEqual(Math.floor(answered.length / 3));
    expect(answered.filter((request) => request.status === 200)).toHaveLength(Math.ceil(expected.length / 5));
  });

  it('reads every page with throttles that carry no Retry-After, backing off each time', async () => {
    const expected = tenant.policies[configurationPolicies] ?? [];
    sim.faults.set(tenant.entra_tenant_id, { kind: 'throttle', every: 2 });
    const { client, sleeps } = observedClient(sim, tenant, { baseDelayMs: 200 });
    const pages: number[] = [];
    for await (const page of client.pages(configurationPolicies)) pages.push(page.length);
    expect(pages.reduce((sum, size) => sum + size, 0)).toBe(expected.length);
    expect(sleeps.length).toBeGreaterThanOrEqual(pages.length - 1);
    expect(sleeps.length).toBeGreaterThan(0);
    expect(sleeps.every((ms) => ms === 100)).toBe(true); // the first backoff of each request: half (jitter) of 200 ms
  });
});

describe('support ids', () => {
  // A local stand-in for Graph where graph-sim does not (yet) answer as real Graph does: response headers request-id
  // and client-request-id (echoed when return-client-request-id is true) and an Intune error whose message is Intune's
  // own JSON with "Operation ID (for customer support)" and "Activity ID". Sources: learn.microsoft.com/graph/errors
  // (innerError), learn.microsoft.com/graph/best-practices-concept ("Reliability and support"), and Intune error bodies
  // as administrators' tools quote them (see src/graph/support-ids.ts).
  let url: string;
  let close: () => Promise<void>;
  const seen: IncomingHttpHeaders[] = [];
  const requestId = '5f1c7f31-6b1e-4b7a-9a43-3c2c1a6b9d10';
  const operationId = '0b6d1f2e-3c4a-4e5f-8a7b-9c0d1e2f3a4b';
  const activityId = 'e4d3c2b1-a0f9-4e8d-b7c6-a5b4c3d2e1f0';

  beforeAll(async () => {
    const server = createHttpServer((request, response) => {
      if (request.url?.endsWith('/oauth2/v2.0/token')) {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'local-token', expires_in: 3600 }));
        return;
      }
      seen.push(request.headers);
      const clientRequestId = String(request.headers['client-request-id'] ?? '');
      const echo = request.headers['return-client-request-id'] === 'true' ? { 'client-request-id': clientRequestId } : {};
      if (request.url?.includes('/ok')) {
        response.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId, ...echo }).end('{"value":[]}');
        return;
      }
      const intune = JSON.stringify({
        _version: 3,
        Message: `An error has occurred - Operation ID (for customer support): ${operationId} - Activity ID: ${activityId} - Url: https://fef.msub02.manage.microsoft.com/DeviceConfiguration/deviceManagement/deviceConfigurations?api-version=5024-05-01`,
        CustomApiErrorPhrase: '',
        RetryAfter: null,
      });
      const body = JSON.stringify({ error: { code: 'BadRequest', message: intune, innerError: { date: new Date().toISOString(), 'request-id': requestId, 'client-request-id': clientRequestId } } });
      response.writeHead(400, { 'content-type': 'application/json', 'request-id': requestId, ...echo }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  });
  afterAll(async () => close());
  beforeEach(() => {
    seen.length = 0;
  });

  it('sends a fresh client-request-id on every request and asks Graph to return it', async () => {
    const { client, sentRequestIds } = observedClient(sim, tenant, { graphUrl: url, loginUrl: url });
    await Promise.all([client.get('ok'), client.get('ok'), client.list('ok/list')]);
    await client.get('ok');
    expect(seen).toHaveLength(4);
    const ids = seen.map((headers) => String(headers['client-request-id']));
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seen.every((headers) => headers['return-client-request-id'] === 'true')).toBe(true);
    expect(sentRequestIds.sort()).toEqual([...ids].sort());
  });

  it('sends a new client-request-id on each retry of one request', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'throttle', count: 2, retryAfterSeconds: 0 });
    const { client, sentRequestIds } = observedClient(sim, tenant);
    await client.get('organization');
    expect(sentRequestIds).toHaveLength(3);
    expect(new Set(sentRequestIds).size).toBe(3);
  });

  it('keeps Graph\'s request-id, the client-request-id and Intune\'s ids on the error, its JSON, its message and the log', async () => {
    const { client, logLines, sentRequestIds } = observedClient(sim, tenant, { graphUrl: url, loginUrl: url });
    const error = (await caught(client.get('deviceManagement/deviceConfigurations'))) as GraphError;
    const sent = sentRequestIds[0]!;
    expect(error).toMatchObject({
      code: 'graph.bad_request',
      request_id: requestId,
      client_request_id: sent,
      intune_operation_id: operationId,
      intune_activity_id: activityId,
    });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ request_id: requestId, client_request_id: sent, intune_operation_id: operationId });
    expect(error.message).toBe(
      `Microsoft Graph refused the request (HTTP 400, BadRequest, request-id ${requestId}, client-request-id ${sent}, ` +
        `Intune operation id ${operationId}, Intune activity id ${activityId}) for deviceManagement/deviceConfigurations.`,
    );
    // What a run's failure_summary shows (the worker scrubs every message): the ids, not the Intune URL.
    const summary = scrubFailureMessage(`Device configuration was not read, its stored items are unchanged: ${error.message}`);
    for (const id of [requestId, sent, operationId]) expect(summary).toContain(id);
    expect(summary).not.toContain('manage.microsoft.com');
    const failed = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['message'] === 'graph request failed');
    expect(failed).toMatchObject({ level: 'warn', request_id: requestId, client_request_id: sent, intune_operation_id: operationId, intune_activity_id: activityId });
    expect(logLines.join('\n')).not.toContain('manage.microsoft.com');
  });

  it('takes the ids of graph-sim\'s errors (headers or innerError) into the message', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'forbidden' });
    const { client } = observedClient(sim, tenant);
    const error = (await caught(client.get('deviceManagement/deviceHealthScripts'))) as GraphError;
    expect(error.code).toBe('graph.forbidden');
    expect(error.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toContain(error.request_id!);
    expect(error.message).toMatch(/\brequest-id\b/);
  });

  it('names the client-request-id of a request that got no answer', async () => {
    const { client, sentRequestIds } = observedClient(sim, tenant, { graphUrl: await closedPortUrl(), loginUrl: sim.url, maxAttempts: 2 });
    const error = (await caught(client.get('organization'))) as GraphError;
    expect(error.code).toBe('graph.network');
    expect(error.client_request_id).toBe(sentRequestIds[1]);
    expect(error.message).toContain(`client-request-id ${sentRequestIds[1]}`);
  });
});

describe('per-tenant concurrency', () => {
  // Its own simulator, so that no request left over from another test counts as in flight.
  let concurrencySim: GraphSim;
  beforeAll(async () => {
    concurrencySim = await startGraphSim({ tenants: [structuredClone(tenant)] });
  });
  afterAll(async () => concurrencySim.close());

  it('never has more requests of a tenant in flight than the limit, across clients', async () => {
    concurrencySim.faults.set(tenant.entra_tenant_id, { kind: 'slow', delayMs: 100 });
    const shared = new TenantConcurrency();
    const first = observedClient(concurrencySim, tenant, { concurrency: shared, maxConcurrentRequests: 3 });
    const second = observedClient(concurrencySim, tenant, { concurrency: shared, maxConcurrentRequests: 3 });
    await first.client.get('organization');
    await second.client.get('organization');
    concurrencySim.stats.reset();
    await Promise.all(
      Array.from({ length: 8 }, (_, index) => (index % 2 === 0 ? first : second).client.get('organization')),
    );
    expect(concurrencySim.stats.maxInFlight(tenant.entra_tenant_id)).toBeLessThanOrEqual(3);
    expect(concurrencySim.stats.maxInFlight(tenant.entra_tenant_id)).toBeGreaterThanOrEqual(2);
    expect(graphRequests(concurrencySim, 'organization')).toBe(8);
  });

  it('defaults to four concurrent requests per tenant', async () => {
    concurrencySim.faults.set(tenant.entra_tenant_id, { kind: 'slow', delayMs: 100 });
    const { client } = observedClient(concurrencySim, tenant);
    await client.get('organization');
    concurrencySim.stats.reset();
    await Promise.all(Array.from({ length: 10 }, () => client.get('organization')));
    expect(concurrencySim.stats.maxInFlight(tenant.entra_tenant_id)).toBeLessThanOrEqual(4);
    expect(concurrencySim.stats.maxInFlight(tenant.entra_tenant_id)).toBeGreaterThanOrEqual(2);
  });

  it('keys limiters by tenant, so one tenant never waits for another', () => {
    const registry = new TenantConcurrency();
    expect(registry.forTenant(tenant.entra_tenant_id)).toBe(registry.forTenant(tenant.entra_tenant_id.toUpperCase()));
    expect(registry.forTenant(tenant.entra_tenant_id)).not.toBe(registry.forTenant(otherTenant.entra_tenant_id));
    expect(registry.forTenant(otherTenant.entra_tenant_id).concurrency).toBe(4);
  });
});

describe('secrets stay out of errors and logs', () => {
  it('never shows the client secret or an access token', async () => {
    const observed = observedClient(sim, tenant, { maxAttempts: 2, retryBudgetMs: 5_000, requestTimeoutMs: 150 });
    const errors: unknown[] = [];
    await observed.client.get('organization');
    for (const fault of ['throttle', 'unavailable', 'server_error', 'malformed', 'forbidden', 'slow'] as const) {
      sim.faults.set(tenant.entra_tenant_id, { kind: fault, retryAfterSeconds: 1, delayMs: 5_000 });
      errors.push(await caught(observed.client.list(configurationPolicies)));
    }
    sim.faults.set(tenant.entra_tenant_id, { kind: 'bad_credentials' });
    sim.revokeTokens();
    errors.push(await caught(observed.client.get('organization')));
    sim.faults.clear();
    const wrongSecret = observedClient(sim, tenant, { clientSecret: `${tenant.client_secret}-rotated` });
    errors.push(await caught(wrongSecret.client.get('organization')));

    const secrets = [tenant.client_secret, `${tenant.client_secret}-rotated`, ...observed.sentTokens];
    expect(observed.sentTokens.size).toBeGreaterThan(0);
    const texts = [
      ...errors.flatMap((error) => [
        String(error),
        JSON.stringify(error),
        (error as Error).stack ?? '',
        inspect(error, { depth: 5, showHidden: true }),
      ]),
      ...observed.logLines,
      ...wrongSecret.logLines,
      JSON.stringify(observed.client),
      inspect(observed.client, { depth: 5 }),
    ];
    expect(errors.map((error) => (error as GraphError).code)).toEqual([
      'graph.throttled',
      'graph.unavailable',
      'graph.unavailable',
      'graph.malformed_response',
      'graph.forbidden',
      'graph.timeout',
      'auth.failed',
      'auth.failed',
    ]);
    expect(observed.logLines.length).toBeGreaterThan(0);
    for (const text of texts) {
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text.toLowerCase()).not.toContain('bearer ');
    }
  });
});
