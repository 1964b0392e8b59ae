// The request budget's waiting, queueing and leasing (src/graph/request-budget.ts) over the process-local store, with
// an injected clock: no real waiting, no timing assertions. The database store is tested in
// test/integration/graph-request-budget.test.ts.
import { describe, expect, it } from 'vitest';
import {
  LeasingRequestBudget,
  MemoryTokenBucketStore,
  budgetBucketsFor,
  defaultGraphRequestLimits,
  intuneDocumentedLimits,
  type BudgetBucket,
  type TokenBucketStore,
} from '../../src/graph';

const tenant = 'AAAAAAAA-1111-4222-8333-444444444444';

function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
  };
}

const bucket = (overrides: Partial<BudgetBucket> = {}): BudgetBucket => ({
  kind: 'intune_app',
  entraTenantId: tenant.toLowerCase(),
  clientId: 'app',
  capacity: 5,
  refillPerSecond: 2,
  leasable: true,
  ...overrides,
});

/** A store that counts round trips and what they took. */
function countingStore(inner: TokenBucketStore) {
  const takes: Array<{ want: number; granted: number }> = [];
  const store: TokenBucketStore = {
    async take(target, want, holder) {
      const result = await inner.take(target, want, holder);
      takes.push({ want, granted: result.granted });
      return result;
    },
    release: (target, holder) => inner.release(target, holder),
  };
  return { store, takes };
}

describe('which buckets a request takes from', () => {
  it('every request: per app per tenant and per tenant, sized within Intune’s documented limits', () => {
    const buckets = budgetBucketsFor('deviceManagement/configurationPolicies', { entraTenantId: tenant, clientId: 'App-1' });
    expect(buckets.map((b) => [b.kind, b.entraTenantId, b.clientId])).toEqual([
      ['intune_app', tenant.toLowerCase(), 'app-1'],
      ['intune_tenant', tenant.toLowerCase(), ''],
    ]);
    // Any 20 s window: capacity + 20 s of refill + 1 s of leases; ≤ 90 % of 1,000 per app, ≤ half of 2,000 per tenant.
    const { intuneApp, intuneTenant } = defaultGraphRequestLimits;
    const window = intuneDocumentedLimits.windowSeconds;
    expect(intuneApp.capacity + (window + 1) * intuneApp.refillPerSecond).toBeLessThanOrEqual(0.95 * intuneDocumentedLimits.perAppPerTenant);
    expect(intuneTenant.capacity + (window + 1) * intuneTenant.refillPerSecond).toBeLessThanOrEqual(intuneDocumentedLimits.perTenantAllApps / 2);
  });

  it('Conditional Access and audit logs: also a pacing bucket of one token, never leased', () => {
    for (const path of ['identity/conditionalAccess/policies', '/identity/conditionalAccess/namedLocations', 'auditLogs/directoryAudits']) {
      const paced = budgetBucketsFor(path, { entraTenantId: tenant, clientId: 'app' }).at(-1);
      expect(paced).toMatchObject({ capacity: 1, leasable: false, clientId: '' });
      expect(1 / paced!.refillPerSecond).toBeGreaterThanOrEqual(1);
    }
    // Taken last: only the send lies between the paced slot and Graph.
    expect(budgetBucketsFor('identity/conditionalAccess/policies', { entraTenantId: tenant, clientId: 'a' }).map((b) => b.kind)).toEqual([
      'intune_app',
      'intune_tenant',
      'conditional_access',
    ]);
    expect(budgetBucketsFor('auditLogs/directoryAudits', { entraTenantId: tenant, clientId: 'a' }).at(-1)!.kind).toBe('audit_logs');
    expect(budgetBucketsFor('deviceManagement/auditEvents', { entraTenantId: tenant, clientId: 'a' })).toHaveLength(2);
  });
});

describe('a token bucket', () => {
  it('lets the burst through at once, then one request per refill interval', async () => {
    const time = fakeTime();
    const budget = new LeasingRequestBudget(new MemoryTokenBucketStore(time.now), { ...time, random: () => 0, maxLease: 1 });
    const grantedAt: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      await budget.acquire(bucket());
      grantedAt.push(time.now());
    }
    expect(grantedAt).toEqual([0, 0, 0, 0, 0, 500, 1000, 1500, 2000]);
  });

  it('refills with time up to its capacity, never beyond', async () => {
    const time = fakeTime();
    const store = new MemoryTokenBucketStore(time.now);
    expect(await store.take(bucket(), 10)).toEqual({ granted: 5, tokens: 0 });
    time.advance(1250);
    expect(await store.take(bucket(), 10)).toEqual({ granted: 2, tokens: 0.5 });
    time.advance(60_000);
    expect(await store.take(bucket(), 10)).toEqual({ granted: 5, tokens: 0 });
  });

  it('paces requests a full interval after the previous one completed, not after it was granted', async () => {
    const time = fakeTime();
    const budget = new LeasingRequestBudget(new MemoryTokenBucketStore(time.now), { ...time, random: () => 0 });
    const paced = budgetBucketsFor('identity/conditionalAccess/policies', { entraTenantId: tenant, clientId: 'app' }).at(-1)!;
    const grantedAt: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const release = await budget.acquire(paced);
      grantedAt.push(time.now());
      time.advance(300); // the request is in flight for 300 ms
      await release();
      await release(); // idempotent
    }
    // 300 ms in flight + 1,100 ms interval (a millisecond more where the wait is rounded up).
    expect(grantedAt[0]).toBe(0);
    for (const index of [1, 2]) {
      expect(grantedAt[index]! - grantedAt[index - 1]!).toBeGreaterThanOrEqual(1400);
      expect(grantedAt[index]! - grantedAt[index - 1]!).toBeLessThanOrEqual(1402);
    }
  });

  it('gives a slot back after holdMs when its holder never reports (its process died)', async () => {
    const time = fakeTime();
    const budget = new LeasingRequestBudget(new MemoryTokenBucketStore(time.now), { ...time, random: () => 0 });
    const paced = { ...budgetBucketsFor('auditLogs/directoryAudits', { entraTenantId: tenant, clientId: 'app' }).at(-1)!, holdMs: 5000 };
    await budget.acquire(paced); // never released
    await budget.acquire(paced);
    expect(time.now()).toBeGreaterThanOrEqual(5000 + 1100);
    expect(time.now()).toBeLessThan(5000 + 1100 + 300);
  });

  it('stops waiting when the run is cancelled', async () => {
    const time = fakeTime();
    const budget = new LeasingRequestBudget(new MemoryTokenBucketStore(time.now), { ...time });
    const controller = new AbortController();
    const paced = bucket({ capacity: 1, refillPerSecond: 0.001, leasable: false });
    await budget.acquire(paced);
    controller.abort(new Error('cancelled'));
    await expect(budget.acquire(paced, controller.signal)).rejects.toThrow('cancelled');
  });
});

describe('leases', () => {
  it('take several tokens per round trip while a bucket is busy, growing from one', async () => {
    const time = fakeTime();
    const { store, takes } = countingStore(new MemoryTokenBucketStore(time.now));
    const budget = new LeasingRequestBudget(store, { ...time, maxLease: 8, leaseMs: 1000 });
    for (let i = 0; i < 40; i += 1) await budget.acquire(bucket({ capacity: 100, refillPerSecond: 40 }));
    expect(takes.map((take) => take.want)).toEqual([1, 2, 4, 8, 8, 8, 8, 8]);
    expect(takes.length).toBeLessThan(40 / 4);
  });

  it('expire: tokens held too long are not used, and the next lease is smaller', async () => {
    const time = fakeTime();
    const { store, takes } = countingStore(new MemoryTokenBucketStore(time.now));
    const budget = new LeasingRequestBudget(store, { ...time, maxLease: 8, leaseMs: 1000 });
    const busy = bucket({ capacity: 100, refillPerSecond: 40 });
    for (let i = 0; i < 4; i += 1) await budget.acquire(busy); // leases of 1, 2, then 4 (3 left)
    time.advance(5000);
    await budget.acquire(busy);
    expect(takes.map((take) => take.want)).toEqual([1, 2, 4, 2]);
  });

  it('are served to this process’s waiters in turn, one round trip for many requests', async () => {
    const time = fakeTime();
    const { store, takes } = countingStore(new MemoryTokenBucketStore(time.now));
    const budget = new LeasingRequestBudget(store, { ...time, maxLease: 8 });
    await Promise.all(Array.from({ length: 15 }, () => budget.acquire(bucket({ capacity: 100, refillPerSecond: 40 }))));
    expect(takes.reduce((sum, take) => sum + take.granted, 0)).toBe(15);
    expect(takes.length).toBe(4);
  });
});
