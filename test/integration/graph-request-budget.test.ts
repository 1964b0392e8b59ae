// The Graph request budget shared by every worker process (src/graph/request-budget.ts over
// src/db/queries/graph-request-budget.ts, migration 0017), on both databases. Two budgets over one database act as two
// processes would: each has its own leases and queue, and only the database's buckets are shared.
// Real time, short: the assertions are upper bounds (a slower machine grants fewer), never "it took about N ms".
import { createServer } from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseTokenBucketStore } from '../../src/db/queries/graph-request-budget';
import { GraphClient, LeasingRequestBudget, TenantConcurrency, type BudgetBucket, type TokenBucketStore } from '../../src/graph';
import { databaseRequestBudget } from '../../src/jobs/handlers/tenant-graph-client';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';

const entraTenantId = '7d0c4a9e-3b1f-4c2d-9e8a-6f5b4a3c2d1e';

function countingStore(inner: TokenBucketStore): { store: TokenBucketStore; takes: () => number } {
  let takes = 0;
  return {
    store: {
      take: async (bucket, want, holder) => {
        takes += 1;
        return inner.take(bucket, want, holder);
      },
      release: (bucket, holder) => inner.release(bucket, holder),
    },
    takes: () => takes,
  };
}

describe.each(databaseTargets())('the Graph request budget in the database (%s)', (target) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(target);
  });
  afterAll(async () => database?.close());

  it('starts a bucket full, refills it by elapsed time and never grants more than it holds', async () => {
    const store = new DatabaseTokenBucketStore(database.db);
    const bucket: BudgetBucket = { kind: 'intune_app', entraTenantId, clientId: 'app-a', capacity: 3, refillPerSecond: 0.001, leasable: true };
    expect(await store.take(bucket, 2)).toEqual({ granted: 2, tokens: expect.closeTo(1, 2) as unknown as number });
    const second = await store.take(bucket, 5);
    expect(second.granted).toBe(1);
    const third = await store.take(bucket, 5);
    expect(third.granted).toBe(0);
    expect(third.tokens).toBeLessThan(1);
    // Another key is another bucket.
    expect((await store.take({ ...bucket, clientId: 'app-b' }, 5)).granted).toBe(3);
  });

  it('lets two processes together take no more than capacity + refill × time, even when they keep it empty', async () => {
    const bucket: BudgetBucket = { kind: 'intune_tenant', entraTenantId, clientId: '', capacity: 5, refillPerSecond: 20, leasable: true };
    const first = countingStore(new DatabaseTokenBucketStore(database.db));
    const second = countingStore(new DatabaseTokenBucketStore(database.db));
    const budgets = [
      new LeasingRequestBudget(first.store, { maxLease: 4, leaseMs: 200 }),
      new LeasingRequestBudget(second.store, { maxLease: 4, leaseMs: 200 }),
    ];
    const granted = [0, 0];
    const startedAt = Date.now();
    const until = startedAt + 1500;
    // Three concurrent requesters per "process", as a run's parallel reads would be.
    await Promise.all(
      budgets.flatMap((budget, index) =>
        Array.from({ length: 3 }, async () => {
          while (Date.now() < until) {
            await budget.acquire(bucket);
            granted[index]! += 1;
          }
        }),
      ),
    );
    const seconds = (Date.now() - startedAt) / 1000;
    const total = granted[0]! + granted[1]!;
    expect(total).toBeLessThanOrEqual(bucket.capacity + Math.ceil(bucket.refillPerSecond * seconds));
    expect(total).toBeGreaterThan(bucket.capacity);
    expect(granted[0]).toBeGreaterThan(0);
    expect(granted[1]).toBeGreaterThan(0);
    // Saturated, a process asks again only when enough tokens for its waiters are due: about one statement per token
    // (49 for 40 measured on PGlite), where asking for every single token cost 2.6 per token (106 for 40).
    expect(first.takes() + second.takes()).toBeLessThanOrEqual(2 * total);
  });

  it('costs a busy process one statement per lease, not per request', async () => {
    const bucket: BudgetBucket = { kind: 'intune_app', entraTenantId, clientId: 'app-lease', capacity: 100, refillPerSecond: 40, leasable: true };
    const counted = countingStore(new DatabaseTokenBucketStore(database.db));
    const budget = new LeasingRequestBudget(counted.store, { maxLease: 8, leaseMs: 1000 });
    await Promise.all(Array.from({ length: 3 }, async () => {
      for (let i = 0; i < 20; i += 1) await budget.acquire(bucket);
    }));
    // Leases of 1, 2, 4, then 8: 60 requests in about ten statements.
    expect(counted.takes()).toBeLessThanOrEqual(12);
  });

  it('paces Conditional Access requests of two clients in two "processes" at least a second apart at the server', async () => {
    // A local stand-in for Graph that records when each Conditional Access request arrives. Conditional Access allows
    // one request per second per tenant and answers faster ones with 429 without Retry-After (issue 19, "Throttling").
    const arrivals: number[] = [];
    const server = createServer((request, response) => {
      if (request.url?.endsWith('/oauth2/v2.0/token')) {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'local-token', expires_in: 3600 }));
        return;
      }
      if (request.url?.includes('/identity/conditionalAccess/')) arrivals.push(performance.now());
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"value":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const clients = [0, 1].map(
        () =>
          new GraphClient({
            entraTenantId,
            clientId: 'app-ca',
            clientSecret: 'secret',
            graphUrl: url,
            loginUrl: url,
            version: 'beta',
            concurrency: new TenantConcurrency(),
            requestBudget: databaseRequestBudget(database.db),
          }),
      );
      await Promise.all(clients.flatMap((client) => [client.list('identity/conditionalAccess/policies'), client.get('identity/conditionalAccess/namedLocations')]));
      expect(arrivals).toHaveLength(4);
      const sorted = [...arrivals].sort((a, b) => a - b);
      const gaps = sorted.slice(1).map((at, index) => at - sorted[index]!);
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000);
      // Every request also drew on the tenant's Intune buckets; the rows say which buckets exist.
      const { rows } = await sql<{ kind: string; client_id: string }>`
        SELECT kind, client_id FROM graph_request_budget WHERE entra_tenant_id = ${entraTenantId} ORDER BY kind, client_id
      `.execute(database.db);
      expect(rows.map((row) => `${row.kind}:${row.client_id}`)).toEqual(expect.arrayContaining(['conditional_access:', 'intune_app:app-ca', 'intune_tenant:']));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
