import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { classify, graphResources } from '../../src/domain/inventory/classify-policy';
import { policyTypes } from '../../src/domain/inventory/policy-types';
import { readOrganization } from '../../src/graph';
import { startGraphSim, type GraphSim, type SimTenant } from '../../src/graph-sim';
import { graphRequests, observedClient } from './graph-test-support';

let sim: GraphSim;
let tenant: SimTenant;

beforeAll(async () => {
  sim = await startGraphSim();
  tenant = sim.tenants[0] as SimTenant;
  // These tests read Conditional Access several times a second; its one-request-per-second limit (real Graph, on by
  // default) has its own tests in graph-sim-fidelity.test.ts.
  sim.configureTenant(tenant.entra_tenant_id, { conditional_access_rate_limit: false });
});

/** One raw GET with a fresh token, so a test sees exactly what the simulator answered (no client retries). */
async function rawGet(path: string): Promise<Response> {
  const token = (await (await requestToken(validForm())).json()) as { access_token: string };
  return fetch(`${sim.url}/beta/${path}`, { headers: { authorization: `Bearer ${token.access_token}` } });
}
afterAll(async () => sim.close());
afterEach(() => sim.faults.clear());

async function requestToken(form: Record<string, string>, tenantSegment = tenant.entra_tenant_id): Promise<Response> {
  return fetch(`${sim.url}/${tenantSegment}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

const validForm = () => ({
  grant_type: 'client_credentials',
  client_id: tenant.client_id,
  client_secret: tenant.client_secret,
  scope: `${sim.url}/.default`,
});

describe('token endpoint', () => {
  it('issues a bearer token with expires_in for valid client credentials', async () => {
    const response = await requestToken(validForm());
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(typeof body['access_token']).toBe('string');
  });

  it('answers a wrong secret with 401 invalid_client as Entra ID does', async () => {
    const response = await requestToken({ ...validForm(), client_secret: 'wrong' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: 'invalid_client',
      error_description: expect.stringMatching(/^AADSTS7000215: Invalid client secret provided\./),
    });
  });

  it('answers a wrong client id with 401 invalid_client', async () => {
    const response = await requestToken({ ...validForm(), client_id: '11111111-1111-4111-8111-111111111111' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('answers an unknown tenant with 400 invalid_request', async () => {
    const response = await requestToken(validForm(), '22222222-2222-4222-8222-222222222222');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('accepts the verified domain in place of the tenant id', async () => {
    expect((await requestToken(validForm(), tenant.verified_domain)).status).toBe(200);
  });

  it('answers with invalid_client while a bad_credentials fault lasts', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'bad_credentials', count: 1 });
    expect((await requestToken(validForm())).status).toBe(401);
    expect((await requestToken(validForm())).status).toBe(200);
  });
});

describe('Graph endpoints', () => {
  it('requires a bearer token the simulator issued', async () => {
    const missing = await fetch(`${sim.url}/v1.0/organization`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    const invented = await fetch(`${sim.url}/v1.0/organization`, { headers: { authorization: 'Bearer invented' } });
    expect(invented.status).toBe(401);
  });

  it('describes the organization of the token tenant', async () => {
    const { client } = observedClient(sim, tenant);
    const organization = await readOrganization(client);
    expect(organization).toEqual({
      id: tenant.entra_tenant_id,
      displayName: tenant.display_name,
      verifiedDomains: [{ name: tenant.verified_domain, isDefault: true }],
      defaultDomain: tenant.verified_domain,
    });
  });

  it('serves every registry collection under beta and only v1.0 ones under v1.0', async () => {
    const { client } = observedClient(sim, tenant);
    for (const resource of graphResources()) {
      const items = await client.list(resource, { version: 'beta' });
      expect(items, resource).toHaveLength(tenant.policies[resource]?.length ?? -1);
    }
    await expect(client.list('identity/conditionalAccess/policies', { version: 'v1.0' })).resolves.toHaveLength(
      tenant.policies['identity/conditionalAccess/policies']?.length ?? -1,
    );
    await expect(client.list('deviceManagement/deviceConfigurations', { version: 'v1.0' })).rejects.toMatchObject({
      code: 'graph.bad_request',
    });
  });

  it('serves demo tenants with an example of every policy type', async () => {
    const { client } = observedClient(sim, tenant);
    const seen = new Set<string>();
    for (const entry of policyTypes) {
      for (const entity of await client.list(entry.graph_resource, { version: entry.api_version })) {
        const type = classify(entry.graph_resource, entity);
        if (type) seen.add(type);
      }
    }
    expect([...seen].sort()).toEqual(policyTypes.map((entry) => entry.type).sort());
  });

  it('serves one entity by id', async () => {
    const { client } = observedClient(sim, tenant);
    const first = tenant.policies['deviceManagement/deviceCompliancePolicies']?.[0];
    const entity = await client.get(`deviceManagement/deviceCompliancePolicies/${first?.id}`);
    expect(entity).toMatchObject({ id: first?.id, displayName: first?.['displayName'] });
  });

  it('rejects an invalid $top or $skiptoken with 400', async () => {
    const { client } = observedClient(sim, tenant);
    await expect(client.get('deviceManagement/roleScopeTags?$top=0')).rejects.toMatchObject({ code: 'graph.bad_request' });
    await expect(client.get('deviceManagement/roleScopeTags?$skiptoken=nonsense')).rejects.toMatchObject({ code: 'graph.bad_request' });
  });
  it('serves navigation properties only when expanded, keeps $expand on every next page, and serves them as sub-collections', async () => {
    const { client } = observedClient(sim, tenant);
    const compliance = 'deviceManagement/deviceCompliancePolicies';
    const plain = await client.list(compliance, { pageSize: 1 });
    expect(plain.every((policy) => !('assignments' in policy) && !('scheduledActionsForRule' in policy))).toBe(true);
    const expanded = await client.list(`${compliance}?$expand=assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)`, { pageSize: 1 });
    expect(expanded.length).toBeGreaterThan(1);
    for (const policy of expanded) {
      expect((policy['assignments'] as unknown[]).length).toBeGreaterThan(0);
      const rules = policy['scheduledActionsForRule'] as Array<Record<string, unknown>>;
      expect((rules[0]!['scheduledActionConfigurations'] as Array<{ actionType: string }>).map((action) => action.actionType)).toContain('block');
    }
    const first = expanded[0]!;
    expect(await client.list(`${compliance}/${String(first['id'])}/assignments`)).toEqual(first['assignments']);
    await expect(client.list(`${compliance}?$expand=settings`)).rejects.toMatchObject({ code: 'graph.bad_request' });

    const templates = 'deviceManagement/groupPolicyConfigurations';
    const template = tenant.policies[templates]![0]!;
    const values = await client.list(`${templates}/${template.id}/definitionValues?$expand=definition`);
    expect(values.length).toBeGreaterThan(0);
    expect(values[0]).toMatchObject({ enabled: expect.any(Boolean), definition: { displayName: expect.any(String) } });
    const bare = await client.list(`${templates}/${template.id}/definitionValues`);
    expect(bare[0]).not.toHaveProperty('definition');
  });
});

describe('faults', () => {
  // Asserted on raw answers (the product's client now retries 429s until its time budget, which hides which request was faulted).
  it('affects only every Nth matching request with every, and stacks faults with add (the first that applies wins)', async () => {
    sim.faults.set(tenant.entra_tenant_id, { kind: 'throttle', every: 3, retryAfterSeconds: 0 });
    sim.faults.add(tenant.entra_tenant_id, { kind: 'forbidden', pathPrefix: 'deviceManagement/deviceCompliancePolicies' });
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1) statuses.push((await rawGet('organization')).status);
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
    expect((await rawGet('deviceManagement/deviceCompliancePolicies')).status).toBe(403);
  });

  it('clears a counted fault after that many matching requests', async () => {
    const { client } = observedClient(sim, tenant, { maxAttempts: 1 });
    await client.get('organization');
    sim.faults.set(tenant.entra_tenant_id, { kind: 'forbidden', count: 2 });
    await expect(client.get('organization')).rejects.toMatchObject({ code: 'graph.forbidden' });
    expect(sim.faults.get(tenant.entra_tenant_id)).toMatchObject({ kind: 'forbidden', count: 1 });
    await expect(client.get('organization')).rejects.toMatchObject({ code: 'graph.forbidden' });
    expect(sim.faults.get(tenant.entra_tenant_id)).toBeUndefined();
    await expect(client.get('organization')).resolves.toHaveProperty('value');
  });

  it('affects only requests under pathPrefix, and only its tenant', async () => {
    const other = sim.tenants[1] as SimTenant;
    const { client } = observedClient(sim, tenant, { maxAttempts: 1 });
    const { client: otherClient } = observedClient(sim, other, { maxAttempts: 1 });
    sim.faults.set(tenant.entra_tenant_id, { kind: 'server_error', pathPrefix: '/beta/deviceManagement/configurationPolicies' });
    await expect(client.list('deviceManagement/configurationPolicies')).rejects.toMatchObject({ code: 'graph.unavailable' });
    await expect(client.list('deviceManagement/deviceConfigurations')).resolves.toBeDefined();
    await expect(otherClient.list('deviceManagement/configurationPolicies')).resolves.toBeDefined();
  });

  it('can be set and cleared over HTTP by another process', async () => {
    const set = await fetch(`${sim.url}/_sim/tenants/${tenant.entra_tenant_id}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'throttle', retryAfterSeconds: 2 }),
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ fault: { kind: 'throttle', retryAfterSeconds: 2 } });
    const throttled = await rawGet('organization');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');

    const cleared = await fetch(`${sim.url}/_sim/tenants/${tenant.entra_tenant_id}/faults`, { method: 'DELETE' });
    expect(cleared.status).toBe(204);
    expect((await rawGet('organization')).status).toBe(200);
  });

  it('refuses an invalid fault over HTTP and names the problem', async () => {
    const response = await fetch(`${sim.url}/_sim/tenants/${tenant.entra_tenant_id}/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'explode' }),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('kind');
  });

  it('lists tenants over HTTP without their secrets', async () => {
    const body = JSON.stringify(await (await fetch(`${sim.url}/_sim/tenants`)).json());
    expect(body).toContain(tenant.entra_tenant_id);
    expect(body).not.toContain(tenant.client_secret);
  });
});

describe('live tenant changes', () => {
  const resource = 'deviceManagement/deviceCompliancePolicies';

  it('serves added, updated and removed policies on the next read', async () => {
    const { client } = observedClient(sim, tenant);
    const before = await client.list(resource);
    const [first, second] = before as [Record<string, unknown>, Record<string, unknown>];

    sim.addPolicy(tenant.entra_tenant_id, resource, {
      '@odata.type': '#microsoft.graph.windows10CompliancePolicy',
      id: '33333333-3333-4333-8333-333333333333',
      displayName: 'Windows - Compliance - D - Added Later - v1.0',
    });
    sim.updatePolicy(tenant.entra_tenant_id, resource, String(first['id']), { passwordMinimumLength: 42 });
    expect(sim.removePolicy(tenant.entra_tenant_id, resource, String(second['id']))).toBe(true);

    const after = await client.list(resource);
    expect(after).toHaveLength(before.length);
    expect(after.find((item) => item['id'] === first['id'])).toMatchObject({ passwordMinimumLength: 42 });
    expect(after.some((item) => item['id'] === second['id'])).toBe(false);
    expect(after.some((item) => item['id'] === '33333333-3333-4333-8333-333333333333')).toBe(true);
  });

  it('hands out copies, so a client cannot change the simulator by editing a response', async () => {
    const { client } = observedClient(sim, tenant);
    const [item] = await client.list(resource);
    (item as Record<string, unknown>)['displayName'] = 'edited locally';
    const [again] = await client.list(resource);
    expect(again?.['displayName']).not.toBe('edited locally');
    expect(graphRequests(sim, resource)).toBeGreaterThan(0);
  });
});

describe('policy control over HTTP (/_sim/tenants/{id}/policies)', () => {
  const resource = 'deviceManagement/deviceCompliancePolicies';
  const admin = (method: string, body?: unknown, query = '') =>
    fetch(`${sim.url}/_sim/tenants/${tenant.entra_tenant_id}/policies${query}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('adds, patches and deletes a policy, and the next Graph read shows each change', async () => {
    const { client } = observedClient(sim, tenant);
    const added = await admin('POST', { resource, policy: { id: 'sim-admin-1', displayName: 'Added over HTTP', passwordRequired: true } });
    expect(added.status).toBe(201);
    expect((await client.list(resource)).some((policy) => (policy as { id: string }).id === 'sim-admin-1')).toBe(true);

    const patched = await admin('PATCH', { resource, id: 'sim-admin-1', patch: [{ op: 'replace', path: '/passwordRequired', value: false }] });
    expect(patched.status).toBe(200);
    const read = (await client.list(resource)).find((policy) => (policy as { id: string }).id === 'sim-admin-1') as Record<string, unknown>;
    expect(read['passwordRequired']).toBe(false);

    expect((await admin('DELETE', undefined, `?resource=${encodeURIComponent(resource)}&id=sim-admin-1`)).status).toBe(204);
    expect((await client.list(resource)).some((policy) => (policy as { id: string }).id === 'sim-admin-1')).toBe(false);
  });

  it('names the problem for an unknown policy or setting, a bad patch, and a duplicate', async () => {
    expect((await admin('DELETE', undefined, `?resource=${encodeURIComponent(resource)}&id=nope`)).status).toBe(404);
    const unknownSetting = await admin('PATCH', { resource: 'deviceManagement/configurationPolicies', id: 'nope', setting: { definition_id: 'x', value: 'y' } });
    expect(unknownSetting.status).toBe(400);
    expect(await unknownSetting.text()).toContain('nope');
    const existing = (await (await admin('GET', undefined, `?resource=${encodeURIComponent(resource)}`)).json()) as { policies: Array<{ id: string }> };
    const badPatch = await admin('PATCH', { resource, id: existing.policies[0]!.id, patch: [{ op: 'replace', path: '/does/not/exist', value: 1 }] });
    expect(badPatch.status).toBe(400);
    expect((await admin('POST', { resource, policy: { id: existing.policies[0]!.id } })).status).toBe(400);
    expect((await admin('PATCH', { resource })).status).toBe(400);
  });
});
