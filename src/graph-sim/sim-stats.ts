// What the simulator observed, so tests can assert on the client's behaviour from the server's side:
// how many requests arrived, which were faulted, and how many of a tenant's ran at the same time.
import type { FaultKind } from './sim-faults';

export interface SimRequestRecord {
  method: string;
  /** Path with query, as received. */
  path: string;
  entra_tenant_id: string | null;
  status: number;
  fault: FaultKind | null;
  /**
   * Set on an individual request of a JSON batch, recorded with its own method and path when it is answered; the batch
   * itself is recorded after its requests, as POST /{version}/$batch, without it.
   */
  batched?: true;
}

const maxRecords = 10_000;

export class SimStats {
  readonly requests: SimRequestRecord[] = [];
  /** Every record since the last reset: batch envelopes and their requests alike (the list keeps only the newest ones). */
  total = 0;
  /** Requests Graph counts against its limits since the last reset: single requests and a batch's requests, not its envelope. */
  counted = 0;
  /** HTTP requests received since the last reset: single requests and batch envelopes. */
  httpRequests = 0;
  readonly #inFlight = new Map<string, number>();
  readonly #maxInFlight = new Map<string, number>();

  record(entry: SimRequestRecord): void {
    this.total += 1;
    if (!entry.path.split('?')[0]!.endsWith('/$batch')) this.counted += 1;
    if (!entry.batched) this.httpRequests += 1;
    this.requests.push(entry);
    if (this.requests.length > maxRecords) this.requests.splice(0, this.requests.length - maxRecords);
  }

  enter(entraTenantId: string): void {
    const now = (this.#inFlight.get(entraTenantId) ?? 0) + 1;
    this.#inFlight.set(entraTenantId, now);
    this.#maxInFlight.set(entraTenantId, Math.max(now, this.#maxInFlight.get(entraTenantId) ?? 0));
  }

  leave(entraTenantId: string): void {
    this.#inFlight.set(entraTenantId, Math.max(0, (this.#inFlight.get(entraTenantId) ?? 0) - 1));
  }

  /** Graph API requests of the tenant in progress now (token requests not included). */
  inFlight(entraTenantId: string): number {
    return this.#inFlight.get(entraTenantId) ?? 0;
  }

  /** The most Graph API requests of the tenant ever in progress at once since the last reset. */
  maxInFlight(entraTenantId: string): number {
    return this.#maxInFlight.get(entraTenantId) ?? 0;
  }

  reset(): void {
    this.requests.length = 0;
    this.total = 0;
    this.counted = 0;
    this.httpRequests = 0;
    this.#maxInFlight.clear();
    for (const [tenant, count] of this.#inFlight) this.#maxInFlight.set(tenant, count);
  }
}
