// The Graph client's retry behaviour with an injected clock and sleep: no real waiting, no timing assertions.
// Graph's guidance (learn.microsoft.com/graph/throttling): wait the Retry-After and "continue to use the recommended
// Retry-After delay and retry the request until it succeeds"; without Retry-After, back off exponentially.
import { describe, expect, it } from 'vitest';
import { GraphClient, GraphError, TenantConcurrency, type GraphClientOptions, type RequestBudget } from '../../src/graph';

const tenant = '11111111-2222-4333-8444-555555555555';
const noBudget: RequestBudget = { acquire: async () => async () => {} };

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A client whose fetch answers from `answer(n)` (n = 1-based Graph attempt) and whose sleep advances a fake clock. */
function fakeClient(answer: (attempt: number) => Answer, overrides: Partial<GraphClientOptions> = {}) {
  let now = 1_000_000;
  const sleeps: number[] = [];
  const sentIds: string[] = [];
  const logs: Array<Record<string, unknown>> = [];
  let graphAttempts = 0;
  const fetchFake: typeof fetch = async (input, init) => {
    const url = String(input);
    if (url.endsWith('/oauth2/v2.0/token')) {
      return new Response(JSON.stringify({ access_token: 'token-value', expires_in: 3600 }), { status: 200 });
    }
    graphAttempts += 1;
    sentIds.push(new Headers(init?.headers).get('client-request-id') ?? '');
    now += 250; // every answer takes a quarter of a second
    const { status, headers, body } = answer(graphAttempts);
    return new Response(body === undefined ? '{}' : JSON.stringify(body), { status, headers });
  };
  const log = (level: string) => (fields: object, message: string) => logs.push({ level, message, ...fields });
  const client = new GraphClient({
    entraTenantId: tenant,
    clientId: 'client',
    clientSecret: 'secret',
    graphUrl: 'https://graph.example',
    loginUrl: 'https://login.example',
    fetch: fetchFake,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    requestBudget: noBudget,
    concurrency: new TenantConcurrency(),
    logger: { debug: log('debug'), info: log('info'), warn: log('warn') },
    ...overrides,
  });
  return { client, sleeps, sentIds, logs, attempts: () => graphAttempts, elapsed: () => now - 1_000_000 };
}

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error('expected a GraphError');
}

describe('429 and 503: retried until the time budget', () => {
  it('keeps honouring Retry-After far beyond four attempts and succeeds', async () => {
    const fake = fakeClient((n) => (n <= 12 ? { status: 429, headers: { 'retry-after': '20' } } : { status: 200, body: { value: [] } }));
    await expect(fake.client.get('deviceManagement/deviceConfigurations')).resolves.toEqual({ value: [] });
    expect(fake.attempts()).toBe(13);
    expect(fake.sleeps).toEqual(Array.from({ length: 12 }, () => 20_000));
  });

  it('gives up with graph.throttled when the next wait would pass the budget, naming the time spent', async () => {
    const fake = fakeClient(() => ({ status: 429, headers: { 'retry-after': '30' } }));
    const error = await failure(fake.client.get('deviceManagement/deviceConfigurations'));
    // 10 minutes: 19 waits of 30 s plus 20 answers of 0.25 s = 575 s; a 20th wait would end at 605 s.
    expect(fake.sleeps).toHaveLength(19);
    expect(error).toMatchObject({ code: 'graph.throttled', status: 429, attempts: 20, elapsed_ms: 575_000 });
    expect(error.message).toContain('for 9 min 35 s over 20 attempts; waiting another 30 s would pass the 10 min retry budget');
  });

  it('honours a shorter retryBudgetMs', async () => {
    const fake = fakeClient(() => ({ status: 503, headers: { 'retry-after': '10' } }), { retryBudgetMs: 30_000 });
    const error = await failure(fake.client.get('deviceManagement/deviceConfigurations'));
    expect(error).toMatchObject({ code: 'graph.unavailable', status: 503, attempts: 3 });
    expect(fake.sleeps).toEqual([10_000, 10_000]);
  });

  it('backs off exponentially with jitter when a 429 carries no Retry-After', async () => {
    const fake = fakeClient((n) => (n <= 5 ? { status: 429 } : { status: 200, body: { value: [] } }), { baseDelayMs: 1000 });
    await fake.client.get('identity/conditionalAccess/policies');
    expect(fake.sleeps).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('reads an HTTP-date Retry-After against the injected clock', async () => {
    let first = true;
    const fake = fakeClient(() => {
      if (!first) return { status: 200, body: {} };
      first = false;
      return { status: 429, headers: { 'retry-after': new Date(1_000_000 + 250 + 7_000).toUTCString() } };
    });
    await fake.client.get('organization');
    // HTTP dates have whole seconds: 1,007,250 ms is sent as second 1,007, so 6.75 s remain.
    expect(fake.sleeps).toEqual([6_750]);
  });

  it('tells onRetry and the log about every retry with the request ids', async () => {
    const retries: unknown[] = [];
    const requestId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    const fake = fakeClient((n) => (n === 1 ? { status: 429, headers: { 'retry-after': '2', 'request-id': requestId } } : { status: 200, body: {} }), {
      onRetry: (retry) => retries.push(retry),
    });
    await fake.client.get('organization');
    expect(retries).toEqual([{ path: 'organization', status: 429, attempt: 1, wait_ms: 2000 }]);
    const line = fake.logs.find((entry) => entry['message'] === 'graph request failed; retrying');
    expect(line).toMatchObject({ status: 429, wait_ms: 2000, request_id: requestId, client_request_id: fake.sentIds[0], retry_budget_ms: 600_000 });
  });
});

describe('other 5xx: bounded by attempts', () => {
  it('stops after maxAttempts even though the time budget is far from spent', async () => {
    const fake = fakeClient(() => ({ status: 500 }), { maxAttempts: 3, baseDelayMs: 100 });
    const error = await failure(fake.client.get('organization'));
    expect(error).toMatchObject({ code: 'graph.unavailable', status: 500, attempts: 3 });
    expect(fake.sleeps).toEqual([50, 100]);
    expect(error.message).toMatch(/^Microsoft Graph was unavailable \(HTTP 500, client-request-id [0-9a-f-]{36}\) for organization after 3 attempts\.$/);
  });

  it('does not count throttled attempts against the attempt bound', async () => {
    const statuses = [429, 429, 429, 429, 429, 500, 500, 200];
    const fake = fakeClient((n) => ({ status: statuses[n - 1] ?? 200, body: {} }), { maxAttempts: 4 });
    await expect(fake.client.get('organization')).resolves.toEqual({});
    expect(fake.attempts()).toBe(8);
  });
});

describe('client-request-id', () => {
  it('is a fresh UUID on every attempt, and the last one reaches the error', async () => {
    const fake = fakeClient(() => ({ status: 500 }), { maxAttempts: 3 });
    const error = await failure(fake.client.get('organization'));
    expect(fake.sentIds).toHaveLength(3);
    expect(new Set(fake.sentIds).size).toBe(3);
    for (const id of fake.sentIds) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(error.client_request_id).toBe(fake.sentIds[2]);
  });

  it('is logged on the failed request line with the support ids and never the body', async () => {
    const body = {
      error: {
        code: 'BadRequest',
        message: '{"_version": 3, "Message": "An error has occurred - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: 36d08b49-8070-4064-adb1-ee88213899fb - Url: https://fef.msua08.manage.microsoft.com/x?api-version=5021-11-17 secret-looking-body-text"}',
        innerError: { date: '2022-03-15T13:50:50', 'request-id': '36d08b49-8070-4064-adb1-ee88213899fb', 'client-request-id': '36d08b49-8070-4064-adb1-ee88213899fb' },
      },
    };
    const fake = fakeClient(() => ({ status: 400, body, headers: { date: 'Tue, 15 Mar 2022 13:50:50 GMT' } }));
    const error = await failure(fake.client.get('deviceAppManagement/mobileApps'));
    expect(error).toMatchObject({
      code: 'graph.bad_request',
      request_id: '36d08b49-8070-4064-adb1-ee88213899fb',
      client_request_id: '36d08b49-8070-4064-adb1-ee88213899fb',
      intune_operation_id: null,
      intune_activity_id: '36d08b49-8070-4064-adb1-ee88213899fb',
    });
    const line = fake.logs.find((entry) => entry['message'] === 'graph request failed');
    expect(line).toMatchObject({ level: 'warn', code: 'graph.bad_request', request_id: '36d08b49-8070-4064-adb1-ee88213899fb', response_date: 'Tue, 15 Mar 2022 13:50:50 GMT' });
    expect(JSON.stringify(fake.logs)).not.toContain('secret-looking-body-text');
    expect(JSON.stringify(error)).not.toContain('secret-looking-body-text');
  });
});
