// GraphClient.getMany / listMany as Microsoft Graph JSON batches, over real HTTP against graph-sim, whose $batch answers
// every individual request through its single-request handler (src/graph-sim/handle-batch.ts). Graph's rules:
// learn.microsoft.com/graph/json-batching (at most 20 requests; responses in any order, each with its own status,
// headers and body; "Requests in a batch are evaluated individually against the applicable throttling limits") and
// learn.microsoft.com/graph/throttling, "Throttling and batching" (retry each throttled request with the Retry-After of
// its own response, all of them in a new batch after the longest one).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphError, type GraphManyResult, type GraphObject } from '../../src/graph';
import type { GraphRetry } from '../../src/graph/retry-policy';
import { startGraphSim, type GraphSim, type SimEntity, type SimTenant } from '../../src/graph-sim';
import { observedClient } from './graph-test-support';

let sim: GraphSim;
let tenant: SimTenant;

beforeAll(async () => {
  sim = await startGraphSim({ pageSize: 5 });
  tenant = sim.tenants[0] as SimTenant;
});
afterAll(async () => sim.close());
beforeEach(() => sim.stats.reset());
afterEach(() => {
  sim.faults.clear();
  sim.configureTenant(tenant.entra_tenant_id, { granted_permissions: null });
});

/** Every Intune entity of the tenant as a path relative to the version (Conditional Access left out: it is paced). */
function entityPaths(count: number): string[] {
  const paths: string[] = [];
  for (const [set, entities] of Object.entries(tenant.policies)) {
    if (set.startsWith('identity/')) continue;
    for (const entity of entities) paths.push(`${set}/${entity.id}`);
  }
  expect(paths.length).toBeGreaterThanOrEqual(count);
  return paths.slice(0, count);
}

const batchPosts = () => sim.stats.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/$batch'));
const batchedReads = () => sim.stats.requests.filter((request) => request.batched === true);
const plainReads = () => sim.stats.requests.filter((request) => request.method === 'GET' && request.batched !== true && !request.path.includes('/oauth2/'));

function values<T>(results: Array<GraphManyResult<T>>): T[] {
  return results.map((result) => {
    if (!result.ok) throw result.error;
    return result.value;
  });
}

describe('getMany in JSON batches', () => {
  it('reads 45 paths in 3 batch requests of at most 20, each answer in the order of the paths', async () => {
    const paths = entityPaths(45);
    const { client } = observedClient(sim, tenant);
    const results = await client.getMany(paths);
    expect(values(results).map((entity) => entity['id'])).toEqual(paths.map((path) => path.split('/').at(-1)));
    expect(batchPosts()).toHaveLength(3);
    expect(batchPosts().every((request) => request.status === 200 && request.path === '/beta/$batch')).toBe(true);
    expect(batchedReads().map((request) => request.path).sort()).toEqual(paths.map((path) => `/beta/${path}`).sort());
    expect(plainReads()).toHaveLength(0);
  });

  it('retries a throttled request alone, after its Retry-After, and answers the others once', async () => {
    const paths = entityPaths(6);
    const throttledPath = paths[2]!;
    sim.faults.set(tenant.entra_tenant_id, { kind: 'throttle', count: 1, retryAfterSeconds: 7, pathPrefix: throttledPath });
    const retries: GraphRetry[] = [];
    const { client, sleeps } = observedClient(sim, tenant, { onRetry: (retry) => retries.push(retry) });
    const results = await client.getMany(paths);
    expect(values(results).map((entity) => entity['id'])).toEqual(paths.map((path) => path.split('/').at(-1)));
    // One wait, until 7 s after the 429 arrived (less the little time the round took since).
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(5000);
    expect(sleeps[0]).toBeLessThanOrEqual(7000);
    expect(retries).toEqual([{ path: throttledPath, status: 429, attempt: 1, wait_ms: 7000 }]);
    expect(batchPosts()).toHaveLength(2);
    for (const path of paths) {
      const reads = batchedReads().filter((request) => request.path === `/beta/${path}`);
      expect(reads.map((request) => request.status)).toEqual(path === throttledPath ? [429, 200] : [200]);
    }
    // The retry went in a batch of its own: the last read before the second batch's record is the retried one.
    const secondBatch = sim.stats.requests.indexOf(batchPosts()[1]!);
    expect(sim.stats.requests[secondBatch - 1]).toMatchObject({ path: `/beta/${throttledPath}`, status: 200, batched: true });
    expect(sim.stats.requests[secondBatch - 2]).toMatchObject({ method: 'POST', path: '/beta/$batch' });
  });

  it('gives a 403 request its own error with Graph\'s and Intune\'s ids, while its neighbours succeed', async () => {
    // Without DeviceManagementScripts.* and DeviceManagementConfiguration.*, scripts are refused; enrollment is not.
    sim.configureTenant(tenant.entra_tenant_id, { granted_permissions: ['DeviceManagementServiceConfig.Read.All'] });
    const script = `deviceManagement/deviceManagementScripts/${tenant.policies['deviceManagement/deviceManagementScripts']![0]!.id}`;
    const enrollment = (tenant.policies['deviceManagement/deviceEnrollmentConfigurations'] ?? []).map((entity) => `deviceManagement/deviceEnrollmentConfigurations/${entity.id}`);
    const { client, sentRequestIds, logLines } = observedClient(sim, tenant);
    const results = await client.getMany([enrollment[0]!, script, ...enrollment.slice(1)]);
    expect(results.filter((result) => result.ok)).toHaveLength(enrollment.length);
    const failed = results[1]!;
    expect(failed.ok).toBe(false);
    const error = (failed as { ok: false; error: GraphError }).error;
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ code: 'graph.forbidden', status: 403, path: script, service_code: 'Forbidden' });
    expect(error.request_id).toMatch(/^[0-9a-f-]{36}$/);
    // The batch was sent with one client-request-id; graph-sim echoes it in each individual response.
    expect(error.client_request_id).toBe(sentRequestIds.at(-1));
    expect(error.intune_operation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toContain(error.request_id!);
    expect(error.message).toContain(error.intune_operation_id!);
    expect(logLines.some((line) => line.includes('graph request failed') && line.includes(error.request_id!))).toBe(true);
    expect(batchPosts()).toHaveLength(1);
  });

  it('sends Conditional Access paths one by one (paced), the rest batched', async () => {
    sim.configureTenant(tenant.entra_tenant_id, { conditional_access_rate_limit: false });
    try {
      const ca = `identity/conditionalAccess/policies/${tenant.policies['identity/conditionalAccess/policies']![0]!.id}`;
      const others = entityPaths(3);
      const { client } = observedClient(sim, tenant, { version: 'v1.0' });
      const results = await client.getMany([ca, ...others], { version: 'beta' });
      // Intune's sets are beta only; Conditional Access under beta too.
      expect(results.every((result) => result.ok)).toBe(true);
      expect(plainReads().map((request) => request.path)).toEqual([`/beta/${ca}`]);
      expect(batchedReads()).toHaveLength(3);
    } finally {
      sim.configureTenant(tenant.entra_tenant_id, { conditional_access_rate_limit: true });
    }
  });

  it('sends one request per path with batching off', async () => {
    const paths = entityPaths(45);
    const { client } = observedClient(sim, tenant, { batching: false });
    const results = await client.getMany(paths);
    expect(values(results).map((entity) => entity['id'])).toEqual(paths.map((path) => path.split('/').at(-1)));
    expect(batchPosts()).toHaveLength(0);
    expect(batchedReads()).toHaveLength(0);
    expect(plainReads()).toHaveLength(45);
  });

  it('gets a fresh token once when the batch is refused with 401, and sends it again', async () => {
    const paths = entityPaths(4);
    const { client, sentTokens } = observedClient(sim, tenant);
    await client.getMany(paths.slice(0, 2));
    sim.revokeTokens();
    const results = await client.getMany(paths);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(sentTokens.size).toBe(2);
  });

  it('retries the whole batch when the batch request itself is throttled', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'throttle', count: 2, retryAfterSeconds: 3, pathPrefix: '$batch' });
    const { client, sleeps } = observedClient(sim, tenant);
    const results = await client.getMany(entityPaths(5));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(sleeps).toEqual([3000, 3000]);
    expect(batchPosts().map((request) => request.status)).toEqual([429, 429, 200]);
    expect(batchedReads()).toHaveLength(5);
  });
});

describe('listMany in JSON batches', () => {
  const policySet = 'deviceManagement/configurationPolicies';
  let large: SimEntity;
  let medium: SimEntity;

  beforeAll(() => {
    const template = tenant.policies[policySet]![0]!;
    const settingsOf = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ ...structuredClone((template['settings'] as Array<Record<string, unknown>>)[0]!), id: String(index) }));
    large = sim.addPolicy(tenant.entra_tenant_id, policySet, { ...structuredClone(template), id: 'b1a7c0de-0000-4000-8000-000000000061', name: 'Sixty-one settings', settings: settingsOf(61) });
    medium = sim.addPolicy(tenant.entra_tenant_id, policySet, { ...structuredClone(template), id: 'b1a7c0de-0000-4000-8000-000000000030', name: 'Thirty settings', settings: settingsOf(30) });
  });
  afterAll(() => {
    sim.removePolicy(tenant.entra_tenant_id, policySet, large.id);
    sim.removePolicy(tenant.entra_tenant_id, policySet, medium.id);
  });

  it('follows every sub-response\'s @odata.nextLink to the end (child pages of 25), next pages batched too', async () => {
    const small = tenant.policies[policySet]!.slice(0, 3);
    const paths = [large, ...small, medium].map((entity) => `${policySet}/${entity.id}/settings`);
    const { client } = observedClient(sim, tenant);
    const lists = values(await client.listMany(paths));
    expect(lists.map((list) => list.length)).toEqual([61, ...small.map((entity) => (entity['settings'] as unknown[]).length), 30]);
    expect(lists[0]!.map((setting: GraphObject) => setting['id'])).toEqual(Array.from({ length: 61 }, (_, index) => String(index)));
    // Round 1: five first pages in one batch; round 2: page 2 of the large and the medium policy in one batch;
    // round 3: page 3 of the large one, alone, as a plain GET.
    expect(batchPosts()).toHaveLength(2);
    expect(batchedReads()).toHaveLength(7);
    expect(plainReads()).toHaveLength(1);
    expect(plainReads()[0]!.path).toContain(`${large.id}/settings?`);
    expect(plainReads()[0]!.path).toContain('$skiptoken=');
  });

  it('fails one list whose later page fails, never ending it early, and reads the others', async () => {
    const paths = [large, medium].map((entity) => `${policySet}/${entity.id}/settings`);
    const { client } = observedClient(sim, tenant);
    // The first request of the large policy's settings succeeds; every further one of it is refused.
    sim.faults.set(tenant.entra_tenant_id, { kind: 'forbidden', pathPrefix: `${policySet}/${large.id}/settings`, every: 2 });
    const results = await client.listMany(paths);
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'graph.forbidden' } });
    expect(results[1]).toMatchObject({ ok: true });
    expect((results[1] as { ok: true; value: unknown[] }).value).toHaveLength(30);
  });
});
