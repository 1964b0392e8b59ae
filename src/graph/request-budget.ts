// How many Graph requests a tenant may be sent, shared by every client that talks to it (SPEC §7, §13; issue 19
// point 5, issue 22 point 4). Token buckets: a bucket holds up to `capacity` tokens, refills at `refillPerSecond`,
// and every HTTP attempt (retries included — Graph counts them) takes one token from each bucket that applies.
//
// Which buckets apply to a request (`budgetBucketsFor`):
// - `intune_app` (entra tenant, client id) and `intune_tenant` (entra tenant): Intune's documented limits,
//   learn.microsoft.com/graph/throttling-limits#intune-service-limits — "Intune device configuration service limits"
//   and "Intune device config v2 service limits" (deviceConfigurations, compliance, configurationPolicies, …): any
//   request, 2,000 per 20 seconds per tenant for all apps and 1,000 per 20 seconds per app per tenant
//   (POST/PUT/DELETE/PATCH: 200 and 100). Other Intune services (devices, enrollment, apps) allow as much or more, so
//   the device-configuration numbers bound every read TenantAtlas makes.
//   A token bucket lets at most `capacity + window × refill` requests through in any window; a process may also hold
//   a leased token for up to `leaseMs` before using it, which adds `leaseMs × refill`. The defaults keep that sum
//   under 90 % of the limit: per app 100 + 20 s × 40/s + 1 s × 40/s = 940 ≤ 1,000; per tenant the same 940, i.e. under
//   half of the 2,000 all apps share, leaving the rest to the Intune admin center and the tenant's other tools.
// - `conditional_access` (identity/conditionalAccess/…) and `audit_logs` (auditLogs/…, change detection, issue 22):
//   one request per second per tenant, because Conditional Access answers faster requests with 429 *without*
//   Retry-After (issue 19, "Throttling"; graph-sim's faithful mode follows it). A paced slot is *held* while its
//   request is in flight and the next one opens 1.1 s after that request completed, not after it was granted: the
//   time from a slot to Graph's door differs between processes (a fresh TLS connection, a busy event loop — measured
//   here: a first request arrived 319 ms after its slot, the next 7 ms after its own, so slots 1.1 s apart arrived
//   961 ms apart). Completion-to-slot cannot be shortened that way. A holder that dies releases its slot after
//   `holdMs`. Never leased.
//
// This file declares the budget and a process-local implementation (the default: unit tests, the command line, a
// single process). The budget shared by every worker process lives in PostgreSQL: src/db/queries/graph-request-budget.ts
// implements `TokenBucketStore` over one table with one atomic statement per lease; `LeasingRequestBudget` is the
// same for both, so the waiting and leasing logic here is what both run.
import { graphBudgetWaits, graphBudgetWaitSeconds } from '../observability/metrics';
import { realSleep, type Clock, type RandomSource, type Sleep } from './retry-policy';

export type BudgetBucketKind = 'intune_app' | 'intune_tenant' | 'conditional_access' | 'audit_logs';

export interface BudgetBucket {
  kind: BudgetBucketKind;
  /** Lower case. */
  entraTenantId: string;
  /** The app registration for per-app buckets; '' for per-tenant ones. */
  clientId: string;
  /** Most tokens the bucket holds: the burst allowed after a quiet time. */
  capacity: number;
  refillPerSecond: number;
  /** Whether a process may take several tokens at once and keep them for a moment. Pacing buckets: never. */
  leasable: boolean;
  /**
   * Pacing buckets: a granted slot is held (no refill) until `release` or for at most this long, so that the next slot
   * is counted from the request's completion. Absent: an ordinary token bucket.
   */
  holdMs?: number;
}

/** Given by `acquire`: call it when the request is complete (answered or failed). Idempotent; a no-op for most buckets. */
export type BudgetRelease = () => Promise<void>;

export interface RequestBudget {
  /** Resolves when one request may be sent under `bucket`; rejects with the signal's reason when aborted first. */
  acquire(bucket: BudgetBucket, signal?: AbortSignal): Promise<BudgetRelease>;
}

/** The limits the buckets are made from (per entra tenant); see the top of this file for where they come from. */
export interface GraphRequestLimits {
  intuneApp: { capacity: number; refillPerSecond: number };
  intuneTenant: { capacity: number; refillPerSecond: number };
  /** Milliseconds between two paced requests (Conditional Access, audit logs) of one tenant. */
  pacedIntervalMs: number;
}

/** Intune: 1,000 requests per 20 s per app per tenant, 2,000 per tenant for all apps (throttling-limits). */
export const intuneDocumentedLimits = Object.freeze({ perAppPerTenant: 1000, perTenantAllApps: 2000, windowSeconds: 20 });

export const defaultGraphRequestLimits: GraphRequestLimits = Object.freeze({
  intuneApp: Object.freeze({ capacity: 100, refillPerSecond: 40 }),
  intuneTenant: Object.freeze({ capacity: 100, refillPerSecond: 40 }),
  pacedIntervalMs: 1100,
});

/** Longest a paced slot stays held by a request that never reports back (its process died): two request timeouts. */
const pacedHoldMs = 60_000;

/** Paths (relative to the API version) paced at one request per interval per tenant. */
const pacedPrefixes: Array<[string, BudgetBucketKind]> = [
  ['identity/conditionalaccess', 'conditional_access'],
  ['auditlogs/', 'audit_logs'],
];

/**
 * The buckets one request to `path` takes a token from, in the order they are taken. The pacing bucket comes last, so
 * that only the send itself lies between a paced slot and Graph: the Intune buckets' round trips before it vary between
 * processes and would eat into the second between two paced requests (measured: a 973 ms gap with pacing first).
 */
export function budgetBucketsFor(
  path: string,
  who: { entraTenantId: string; clientId: string },
  limits: GraphRequestLimits = defaultGraphRequestLimits,
): BudgetBucket[] {
  const entraTenantId = who.entraTenantId.trim().toLowerCase();
  const clientId = who.clientId.trim().toLowerCase();
  const relative = path.replace(/^\/+/, '').toLowerCase();
  const buckets: BudgetBucket[] = [
    { kind: 'intune_app', entraTenantId, clientId, ...limits.intuneApp, leasable: true },
    { kind: 'intune_tenant', entraTenantId, clientId: '', ...limits.intuneTenant, leasable: true },
  ];
  const paced = pacedPrefixes.find(([prefix]) => relative.startsWith(prefix));
  if (paced) {
    buckets.push({
      kind: paced[1],
      entraTenantId,
      clientId: '',
      capacity: 1,
      refillPerSecond: 1000 / limits.pacedIntervalMs,
      leasable: false,
      holdMs: pacedHoldMs,
    });
  }
  return buckets;
}

export function bucketKey(bucket: Pick<BudgetBucket, 'kind' | 'entraTenantId' | 'clientId'>): string {
  return `${bucket.kind}|${bucket.entraTenantId}|${bucket.clientId}`;
}

/** One atomic take from a bucket, after refilling it by the time passed since the last take. */
export interface TokenBucketStore {
  /**
   * Takes up to `want` whole tokens (at least one, or none when fewer than one is there) and answers how many were
   * granted and how many (possibly fractional) remain, so the caller knows how long the next one takes. For a bucket
   * with `holdMs`, a grant also holds the bucket for `holder` until `release` (or `holdMs`): it refills from then.
   */
  take(bucket: BudgetBucket, want: number, holder?: string): Promise<{ granted: number; tokens: number }>;
  /** Ends `holder`'s hold: the bucket refills from now. Nothing when the hold already ended or belongs to another. */
  release(bucket: BudgetBucket, holder: string): Promise<void>;
}

/** Token buckets in this process's memory: correct for one process, and the default when no budget is given. */
export class MemoryTokenBucketStore implements TokenBucketStore {
  /** `at`: the time `tokens` was counted at; in the future while a slot is held. */
  readonly #buckets = new Map<string, { tokens: number; at: number; holder: string | null }>();

  constructor(readonly now: Clock = Date.now) {}

  async take(bucket: BudgetBucket, want: number, holder?: string): Promise<{ granted: number; tokens: number }> {
    const key = bucketKey(bucket);
    const now = this.now();
    const state = this.#buckets.get(key);
    const elapsedSeconds = state ? Math.max(0, now - state.at) / 1000 : 0;
    const available = state ? Math.min(bucket.capacity, state.tokens + elapsedSeconds * bucket.refillPerSecond) : bucket.capacity;
    const granted = available >= 1 ? Math.min(want, Math.floor(available)) : 0;
    const hold = granted > 0 && bucket.holdMs !== undefined;
    const at = hold ? now + bucket.holdMs! : Math.max(now, state?.at ?? now);
    this.#buckets.set(key, { tokens: available - granted, at, holder: hold ? (holder ?? null) : (state?.holder ?? null) });
    return { granted, tokens: available - granted };
  }

  async release(bucket: BudgetBucket, holder: string): Promise<void> {
    const state = this.#buckets.get(bucketKey(bucket));
    const now = this.now();
    if (state && state.holder === holder && state.at > now) this.#buckets.set(bucketKey(bucket), { ...state, at: now, holder: null });
  }
}

export interface LeasingOptions {
  /** Most tokens taken in one round trip to the store. Default 8; 1 turns leasing off. */
  maxLease?: number;
  /** How long leased tokens may wait in this process before they are given back to the void. Default 1000 ms. */
  leaseMs?: number;
  now?: Clock;
  sleep?: Sleep;
  random?: RandomSource;
}

interface Lease {
  tokens: number;
  expiresAt: number;
  /** Tokens asked for next time: doubles while leases are used up, halves when one expires unused. */
  size: number;
}

/**
 * A RequestBudget over any TokenBucketStore. Waiters for one bucket queue in this process and only the first talks
 * to the store, so concurrent requests of a process cost one round trip, not one each. With leasing, a round trip
 * takes up to `size` tokens and this process spends them in the next `leaseMs`: fewer statements when a tenant is
 * busy, at the price that tokens may be taken a little before they are used (bounded above, in the bucket sizes)
 * and that tokens left unused when a lease expires are lost to every process (the budget errs towards fewer
 * requests, never more).
 */
export class LeasingRequestBudget implements RequestBudget {
  readonly #store: TokenBucketStore;
  readonly #maxLease: number;
  readonly #leaseMs: number;
  readonly #now: Clock;
  readonly #sleep: Sleep;
  readonly #random: RandomSource;
  readonly #leases = new Map<string, Lease>();
  readonly #queues = new Map<string, Promise<void>>();
  /** Callers of acquire per bucket in this process, the one being served included. */
  readonly #waiting = new Map<string, number>();

  constructor(store: TokenBucketStore, options: LeasingOptions = {}) {
    this.#store = store;
    this.#maxLease = Math.max(1, Math.floor(options.maxLease ?? 8));
    this.#leaseMs = options.leaseMs ?? 1000;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? realSleep;
    this.#random = options.random ?? Math.random;
  }

  async acquire(bucket: BudgetBucket, signal?: AbortSignal): Promise<BudgetRelease> {
    const key = bucketKey(bucket);
    this.#waiting.set(key, (this.#waiting.get(key) ?? 0) + 1);
    try {
      const holder = bucket.holdMs === undefined ? null : this.#newHolder();
      await this.#acquireInTurn(key, bucket, signal, holder);
      if (holder === null) return noRelease;
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await this.#store.release(bucket, holder);
      };
    } finally {
      const left = (this.#waiting.get(key) ?? 1) - 1;
      if (left <= 0) this.#waiting.delete(key);
      else this.#waiting.set(key, left);
    }
  }

  #holders = 0;
  readonly #holderPrefix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

  #newHolder(): string {
    this.#holders += 1;
    return `${this.#holderPrefix}-${this.#holders}`;
  }

  async #acquireInTurn(key: string, bucket: BudgetBucket, signal: AbortSignal | undefined, holder: string | null): Promise<void> {
    await this.#inTurn(key, signal, async () => {
      const startedAt = this.#now();
      let waited = false;
      for (;;) {
        if (signal?.aborted) throw signal.reason;
        const lease = this.#leases.get(key);
        const now = this.#now();
        if (lease && lease.tokens >= 1 && now < lease.expiresAt) {
          lease.tokens -= 1;
          break;
        }
        const size = this.#nextSize(bucket, lease, now);
        const { granted, tokens } = await this.#store.take(bucket, size, holder ?? undefined);
        if (granted >= 1) {
          this.#leases.set(key, { tokens: granted - 1, expiresAt: this.#now() + this.#leaseMs, size });
          break;
        }
        // Empty: wait until there are enough tokens for the requests waiting here (at most one lease), plus a little
        // jitter so that processes waiting for the same bucket do not all ask again in the same millisecond. Asking
        // again for every single token would cost a statement per token per waiting process on a busy tenant.
        // A held pacing slot opens when its request completes, which no refill time predicts: look again every 250 ms.
        const needed = Math.min(size, this.#waiting.get(key) ?? 1);
        const untilEnoughMs = Math.ceil((Math.max(0, needed - tokens) / bucket.refillPerSecond) * 1000);
        const waitMs = bucket.holdMs === undefined ? untilEnoughMs : Math.min(untilEnoughMs, 250);
        waited = true;
        await this.#sleep(waitMs + Math.floor(this.#random() * 20), signal);
      }
      if (waited) {
        graphBudgetWaits.inc({ bucket: bucket.kind });
        graphBudgetWaitSeconds.inc({ bucket: bucket.kind }, (this.#now() - startedAt) / 1000);
      }
    });
  }

  #nextSize(bucket: BudgetBucket, lease: Lease | undefined, now: number): number {
    if (!bucket.leasable || this.#maxLease === 1) return 1;
    let size = lease?.size ?? 1;
    if (lease) size = lease.tokens < 1 && now < lease.expiresAt + this.#leaseMs ? size * 2 : Math.floor(size / 2);
    return Math.max(1, Math.min(this.#maxLease, Math.floor(bucket.capacity), size));
  }

  /** Runs `work` after every earlier caller for `key` in this process has finished its own. */
  async #inTurn(key: string, signal: AbortSignal | undefined, work: () => Promise<void>): Promise<void> {
    const previous = this.#queues.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.#queues.set(key, tail);
    try {
      await untilDoneOrAborted(previous, signal);
      await work();
    } finally {
      release();
      if (this.#queues.get(key) === tail) this.#queues.delete(key);
    }
  }
}

const noRelease: BudgetRelease = async () => {};

function untilDoneOrAborted(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Process-local budget (no leasing: a memory take costs nothing). */
export function memoryRequestBudget(options: { now?: Clock; sleep?: Sleep; random?: RandomSource } = {}): RequestBudget {
  return new LeasingRequestBudget(new MemoryTokenBucketStore(options.now), { ...options, maxLease: 1 });
}

/** The budget every GraphClient of this process uses unless given one (e.g. the database's, by run handlers). */
export const processRequestBudget: RequestBudget = memoryRequestBudget();
