// How GraphClient.getMany maps JSON batch sub-responses, with a fake fetch, an injected clock and sleep: no real waiting,
// no timing assertions. Graph's rules: learn.microsoft.com/graph/json-batching (responses in any order, correlated by
// id; each with its own status, headers and body; at most 20 requests) and learn.microsoft.com/graph/throttling,
// "Throttling and batching" (retry each throttled request with its own retry-after, all in a new batch after the
// longest).
import { describe, expect, it } from 'vitest';
import { GraphClient, GraphError, TenantConcurrency, type GraphClientOptions, type GraphManyResult, type RequestBudget } from '../../src/graph';
import type { GraphRetry } from '../../src/graph/retry-policy';

const tenant = '11111111-2222-4333-8444-555555555555';
const noBudget: RequestBudget = { acquire: async () => async () => {} };

interface SubRequest {
  id: string;
  method: string;
  url: string;
}
interface SubAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}
type BatchAnswer = { status: number; headers?: Record<string, string>; body?: unknown };

/** `answer(sub, n)`: the n-th time (1-based) this url is answered. `whole(batchNumber)` may answer the batch request itself. */
function fakeClient(
  answer: (sub: SubRequest, n: number) => SubAnswer,
  options: { whole?: (batchNumber: number) => BatchAnswer | null; overrides?: Partial<GraphClientOptions> } = {},
) {
  let now = 1_000_000;
  const sleeps: number[] = [];
  const batches: SubRequest[][] = [];
  const plain: string[] = [];
  let tokens = 0;
  const seen = new Map<string, number>();
  const fetchFake: typeof fetch = async (input, init) => {
    const url = String(input);
    if (url.endsWith('/oauth2/v2.0/token')) {
      tokens += 1;
      return new Response(JSON.stringify({ access_token: `token-${tokens}`, expires_in: 3600 }), { status: 200 });
    }
    now += 100;
    if (!url.endsWith('/$batch')) {
      plain.push(url);
      return new Response(JSON.stringify({ id: 'plain' }), { status: 200 });
    }
    const { requests } = JSON.parse(String(init?.body)) as { requests: SubRequest[] };
    batches.push(requests);
    const whole = options.whole?.(batches.length);
    if (whole) return new Response(whole.body === undefined ? '{}' : JSON.stringify(whole.body), { status: whole.status, headers: whole.headers });
    const responses = requests.map((sub) => {
      const n = (seen.get(sub.url) ?? 0) + 1;
      seen.set(sub.url, n);
      const { status, headers = {}, body } = answer(sub, n);
      return { id: sub.id, status, headers, body };
    });
    // Graph may answer in any order: reversed here, so pairing by position would fail.
    return new Response(JSON.stringify({ responses: responses.reverse() }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const retries: GraphRetry[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const log = (level: string) => (fields: object, message: string) => logs.push({ level, message, ...fields });
  const client = new GraphClient({
    entraTenantId: tenant,
    clientId: 'client',
    clientSecret: 'secret',
    graphUrl: 'https://graph.example',
    loginUrl: 'https://login.example',
    version: 'beta',
    fetch: fetchFake,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    requestBudget: noBudget,
    concurrency: new TenantConcurrency(),
    onRetry: (retry) => retries.push(retry),
    logger: { debug: log('debug'), info: log('info'), warn: log('warn') },
    ...options.overrides,
  });
  return { client, sleeps, batches, plain, retries, logs, tokens: () => tokens };
}

const paths = (count: number) => Array.from({ length: count }, (_, index) => `deviceManagement/deviceManagementScripts/s${index}`);
const ok = (sub: SubRequest): SubAnswer => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: { id: sub.url.split('/').at(-1) } });
const ids = (results: Array<GraphManyResult<Record<string, unknown>>>) => results.map((result) => (result.ok ? result.value['id'] : result.error.code));
const errorOf = (result: GraphManyResult<unknown> | undefined): GraphError => {
  if (!result || result.ok) throw new Error('expected a failure');
  return result.error;
};

describe('getMany batches', () => {
  it('sends at most 20 per batch, urls relative to the version with their query, and matches answers by id', async () => {
    const { client, batches } = fakeClient(ok);
    const wanted = [...paths(44), 'deviceManagement/deviceManagementScripts/s44?$select=id'];
    const results = await client.getMany(wanted);
    // Sent at once, so they may leave in any order.
    expect(batches.map((batch) => batch.length).sort((a, b) => b - a)).toEqual([20, 20, 5]);
    const sent = batches.flat();
    expect(sent).toHaveLength(45);
    expect(sent).toContainEqual({ id: '1', method: 'GET', url: '/deviceManagement/deviceManagementScripts/s0' });
    expect(batches.find((batch) => batch.length === 5)!.at(-1)).toEqual({ id: '5', method: 'GET', url: '/deviceManagement/deviceManagementScripts/s44?$select=id' });
    expect(ids(results)).toEqual([...Array.from({ length: 44 }, (_, index) => `s${index}`), 's44?$select=id']);
  });

  it('retries throttled sub-requests alone, together, after the longest Retry-After', async () => {
    const { client, batches, sleeps, retries, logs } = fakeClient((sub, n) => {
      if (n === 1 && sub.url.endsWith('/s1')) return { status: 429, headers: { 'Retry-After': '2' }, body: { error: { code: 'TooManyRequests' } } };
      if (n === 1 && sub.url.endsWith('/s3')) return { status: 429, headers: { 'Retry-After': '5' }, body: { error: { code: 'TooManyRequests' } } };
      return ok(sub);
    });
    const results = await client.getMany(paths(5));
    expect(ids(results)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(batches.map((batch) => batch.map((sub) => sub.url.split('/').at(-1)))).toEqual([['s0', 's1', 's2', 's3', 's4'], ['s1', 's3']]);
    expect(sleeps).toEqual([5000]);
    expect(retries).toEqual([
      { path: 'deviceManagement/deviceManagementScripts/s1', status: 429, attempt: 1, wait_ms: 5000 },
      { path: 'deviceManagement/deviceManagementScripts/s3', status: 429, attempt: 1, wait_ms: 5000 },
    ]);
    expect(logs.filter((line) => line['message'] === 'graph request failed; retrying' && line['batched'] === true)).toHaveLength(2);
  });

  it('gives up on a sub-request when the next wait would pass its retry budget, the others answered', async () => {
    const { client, batches } = fakeClient((sub) =>
      sub.url.endsWith('/s0') ? { status: 429, headers: { 'Retry-After': '240' }, body: { error: { code: 'TooManyRequests' } } } : ok(sub),
    );
    const results = await client.getMany(paths(3));
    expect(ids(results)).toEqual(['graph.throttled', 's1', 's2']);
    const error = errorOf(results[0]);
    // 0 s, 240 s and 480 s: a fourth try would start at 720 s, past the 600 s budget.
    expect(error.attempts).toBe(3);
    expect(error.message).toMatch(/throttled \(HTTP 429.*\) deviceManagement\/deviceManagementScripts\/s0 for 8 min over 3 attempts; waiting another 4 min would pass the 10 min retry budget/);
    expect(batches.map((batch) => batch.length)).toEqual([3, 1, 1]);
  });

  it('bounds other 5xx sub-responses by attempts, like single requests', async () => {
    const { client, batches } = fakeClient((sub) => (sub.url.endsWith('/s1') ? { status: 500, body: { error: { code: 'InternalServerError' } } } : ok(sub)));
    const results = await client.getMany(paths(2));
    expect(errorOf(results[1])).toMatchObject({ code: 'graph.unavailable', status: 500, attempts: 4 });
    expect(batches.map((batch) => batch.length)).toEqual([2, 1, 1, 1]);
  });

  it('maps a 404 sub-response with the ids of its headers and of Intune\'s message', async () => {
    const requestId = 'aaaaaaaa-1111-4222-8333-444444444444';
    const operationId = 'bbbbbbbb-1111-4222-8333-444444444444';
    const { client } = fakeClient((sub) =>
      sub.url.endsWith('/s1')
        ? {
            status: 404,
            headers: { 'request-id': requestId, 'Content-Type': 'application/json' },
            body: { error: { code: 'ResourceNotFound', message: `{"Message": "Not found - Operation ID (for customer support): ${operationId} - Activity ID: ${requestId}"}` } },
          }
        : ok(sub),
    );
    const results = await client.getMany(paths(3));
    const error = errorOf(results[1]);
    expect(error).toMatchObject({ code: 'graph.not_found', status: 404, service_code: 'ResourceNotFound', request_id: requestId, intune_operation_id: operationId, attempts: 1 });
    // The client-request-id the batch was sent with.
    expect(error.client_request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toContain(operationId);
    expect(ids(results)).toEqual(['s0', 'graph.not_found', 's2']);
  });

  it('refreshes the token once for 401 sub-responses and resends only those; a second 401 is auth.failed', async () => {
    const { client, batches, tokens } = fakeClient((sub, n) => {
      if (sub.url.endsWith('/s0') && n === 1) return { status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } };
      if (sub.url.endsWith('/s2')) return { status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } };
      return ok(sub);
    });
    const results = await client.getMany(paths(3));
    expect(ids(results)).toEqual(['s0', 's1', 'auth.failed']);
    expect(tokens()).toBe(2);
    expect(batches.map((batch) => batch.length)).toEqual([3, 2]);
  });

  it('retries a throttled batch request itself like a single request', async () => {
    const { client, sleeps, batches } = fakeClient(ok, { whole: (n) => (n === 1 ? { status: 503, headers: { 'retry-after': '9' } } : null) });
    expect(ids(await client.getMany(paths(3)))).toEqual(['s0', 's1', 's2']);
    expect(sleeps).toEqual([9000]);
    expect(batches).toHaveLength(2);
  });

  it('fails every read of a batch that keeps failing, each with its own path', async () => {
    const { client } = fakeClient(ok, { whole: () => ({ status: 502, body: { error: { code: 'BadGateway' } } }) });
    const results = await client.getMany(paths(2));
    expect(errorOf(results[0])).toMatchObject({ code: 'graph.unavailable', path: 'deviceManagement/deviceManagementScripts/s0', attempts: 4 });
    expect(errorOf(results[1])).toMatchObject({ code: 'graph.unavailable', path: 'deviceManagement/deviceManagementScripts/s1', attempts: 4 });
  });

  it('treats an unanswered sub-request or a body that is not JSON as malformed, for that read only', async () => {
    const { client } = fakeClient((sub) => (sub.url.endsWith('/s1') ? { status: 200, body: 'eyJpZCI6' } : ok(sub)), {});
    const results = await client.getMany(paths(2));
    expect(ids(results)).toEqual(['s0', 'graph.malformed_response']);

    const missing = fakeClient(ok, { whole: () => ({ status: 200, body: { responses: [{ id: '2', status: 200, headers: {}, body: { id: 'two' } }] } }) });
    expect(ids(await missing.client.getMany(paths(2)))).toEqual(['graph.malformed_response', 'two']);
  });

  it('sends a lone read as a plain GET, and everything one by one with batching off', async () => {
    const lone = fakeClient(ok);
    await lone.client.getMany(paths(1));
    expect(lone.batches).toHaveLength(0);
    expect(lone.plain).toEqual(['https://graph.example/beta/deviceManagement/deviceManagementScripts/s0']);

    const off = fakeClient(ok, { overrides: { batching: false } });
    await off.client.getMany(paths(3));
    expect(off.batches).toHaveLength(0);
    expect(off.plain).toHaveLength(3);
  });

  it('rejects the whole call when it is cancelled', async () => {
    const controller = new AbortController();
    const { client } = fakeClient(() => {
      controller.abort(new Error('cancelled'));
      return { status: 429, headers: { 'Retry-After': '1' }, body: {} };
    });
    await expect(client.getMany(paths(2), { signal: controller.signal })).rejects.toThrow('cancelled');
  });
});

describe('listMany batches', () => {
  it('follows nextLinks on the Graph URL as batched requests relative to the version, and refuses one elsewhere', async () => {
    const { client, batches } = fakeClient((sub) => {
      if (sub.url.includes('/a/settings') && !sub.url.includes('skiptoken')) {
        return { status: 200, body: { value: [{ id: 'a1' }], '@odata.nextLink': 'https://graph.example/beta/x/a/settings?$skiptoken=2' } };
      }
      if (sub.url.includes('/b/settings') && !sub.url.includes('skiptoken')) {
        return { status: 200, body: { value: [{ id: 'b1' }], '@odata.nextLink': 'https://graph.example/beta/x/b/settings?$skiptoken=2' } };
      }
      if (sub.url.includes('/c/settings')) return { status: 200, body: { value: [], '@odata.nextLink': 'https://elsewhere.example/beta/x' } };
      return { status: 200, body: { value: [{ id: `${sub.url.split('/')[2]}2` }] } };
    });
    const results = await client.listMany(['x/a/settings', 'x/b/settings', 'x/c/settings'], { pageSize: 50 });
    expect(results[0]).toEqual({ ok: true, value: [{ id: 'a1' }, { id: 'a2' }] });
    expect(results[1]).toEqual({ ok: true, value: [{ id: 'b1' }, { id: 'b2' }] });
    expect(errorOf(results[2])).toMatchObject({ code: 'graph.malformed_response' });
    expect(batches.map((batch) => batch.map((sub) => sub.url))).toEqual([
      ['/x/a/settings?$top=50', '/x/b/settings?$top=50', '/x/c/settings?$top=50'],
      ['/x/a/settings?$skiptoken=2', '/x/b/settings?$skiptoken=2'],
    ]);
  });
});
