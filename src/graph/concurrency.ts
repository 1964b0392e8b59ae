// Per-tenant request limit (SPEC §7). Graph throttles per tenant and per app, so the limit is keyed by
// entra_tenant_id and shared by every client of the process: two jobs for one tenant share its slots,
// while another tenant's requests never wait behind them.
import pLimit, { type LimitFunction } from 'p-limit';

export const defaultMaxConcurrentRequests = 4;

export class TenantConcurrency {
  readonly #limiters = new Map<string, LimitFunction>();

  constructor(readonly defaultLimit: number = defaultMaxConcurrentRequests) {}

  /**
   * The limiter of a tenant. A client that asks for an explicit limit sets it for the whole process
   * (the most recent request wins), so configure one value per process.
   */
  forTenant(entraTenantId: string, limit?: number): LimitFunction {
    const key = entraTenantId.trim().toLowerCase();
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = pLimit(limit ?? this.defaultLimit);
      this.#limiters.set(key, limiter);
    } else if (limit !== undefined && limiter.concurrency !== limit) {
      limiter.concurrency = limit;
    }
    return limiter;
  }
}

/** The process-wide registry every GraphClient uses unless given its own. */
export const processTenantConcurrency = new TenantConcurrency();
