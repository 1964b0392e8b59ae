// State shared by the simulator's request handlers.
import type { ServerResponse } from 'node:http';
import type { SimFaults } from './sim-faults';
import type { SimStats } from './sim-stats';
import type { SimTokens } from './sim-tokens';
import type { SimTenant } from './sim-types';
import type { VolatileState } from './volatile-fields';

export interface SimContext {
  tenants: SimTenant[];
  faults: SimFaults;
  tokens: SimTokens;
  stats: SimStats;
  pageSize: number;
  /** The largest page answered whatever $top asks (Graph caps pages per collection); undefined: $top decides. */
  maxPageSize?: number;
  tokenLifetimeSeconds: number;
  /** Read counters behind the values the service changes by itself (volatile-fields.ts). */
  volatile: VolatileState;
  /** When each tenant's last Conditional Access request was let through (ms since epoch), for its 1 request/s limit. */
  conditionalAccessLastAllowed: Map<string, number>;
  /** groups/delta tokens: what the tenant's groups looked like when each token was handed out. */
  groupDeltaTokens: Map<string, Map<string, string>>;
  /** The clock (ms); tests of the Conditional Access limit may replace it. */
  now(): number;
  /** A wait that ends early when the simulator closes or the client gives up on `response`. */
  delay(ms: number, response?: ServerResponse): Promise<void>;
}

/** A tenant by entra_tenant_id or verified domain, as the token endpoint accepts either. */
export function findTenant(context: SimContext, idOrDomain: string): SimTenant | undefined {
  const wanted = idOrDomain.trim().toLowerCase();
  return context.tenants.find(
    (tenant) => tenant.entra_tenant_id.toLowerCase() === wanted || tenant.verified_domain.toLowerCase() === wanted,
  );
}
