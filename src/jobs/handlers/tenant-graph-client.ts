import { findTenantById } from '../../db/queries/tenants';
import { findProviderConnection } from '../../db/queries/provider-connections';
import type { Kysely } from 'kysely';
import { DatabaseTokenBucketStore } from '../../db/queries/graph-request-budget';
import type { Database } from '../../db/schema';
import { GraphClient, LeasingRequestBudget, type LeasingOptions, type RequestBudget } from '../../graph';
import { decryptSecret } from '../../security/secret-box';
import { OperationFailure, type RunHandlerContext } from '../run-handler';

/**
 * The Graph client of the run's tenant, from its saved provider connection (SPEC §1, §7). Shared by every
 * handler that talks to Graph. The decrypted secret exists only inside the client and is protected: it is
 * cut out of every failure message and log line of the run.
 * Its requests draw on the tenant's request budget in the database (src/db/queries/graph-request-budget.ts), the
 * one budget every worker process shares, so runs in several processes together stay within Intune's limits and
 * Conditional Access stays paced (SPEC §13).
 */
export async function tenantGraphClient(
  context: Pick<RunHandlerContext, 'run' | 'db' | 'config' | 'keys' | 'protect' | 'noteRetry' | 'log'>,
  options: { maxConcurrentRequests?: number; requestBudget?: RequestBudget } = {},
): Promise<{ tenantId: number; client: GraphClient }> {
  const { run, db, config, keys, protect, noteRetry, log } = context;
  const tenantId = run.tenant_id;
  if (tenantId === null) throw new OperationFailure('provider.not_configured', 'A provider connection belongs to a tenant; this run has none.');
  const [tenant, connection] = await Promise.all([findTenantById(db, tenantId), findProviderConnection(db, tenantId)]);
  const entraTenantId = connection?.entra_tenant_id || tenant?.entra_tenant_id;
  if (!connection?.client_id || !connection.client_secret) {
    throw new OperationFailure('provider.not_configured', 'No provider connection is saved for this tenant; save its app registration (client id and secret) first.');
  }
  if (!entraTenantId) {
    throw new OperationFailure('provider.not_configured', 'Neither the provider connection nor the tenant names an Entra tenant id; add it to the connection.');
  }
  let clientSecret: string;
  try {
    clientSecret = decryptSecret(connection.client_secret, keys.encryptionKey);
  } catch {
    throw new OperationFailure('provider.secret_unreadable', "The saved client secret cannot be decrypted with this installation's key; save the connection again.");
  }
  protect(clientSecret);
  const client = new GraphClient({
    entraTenantId,
    clientId: connection.client_id,
    clientSecret,
    graphUrl: config.graphUrl,
    loginUrl: config.loginUrl,
    logger: log,
    onRetry: noteRetry,
    maxConcurrentRequests: options.maxConcurrentRequests,
    requestBudget: options.requestBudget ?? (config.graphRequestBudget ? sharedDatabaseRequestBudget(db) : unlimitedRequestBudget),
  });
  return { tenantId, client };
}

/** A request budget over the database with its own leases: what one process uses (a test makes two to act as two). */
export function databaseRequestBudget(db: Kysely<Database>, options: LeasingOptions = {}): RequestBudget {
  return new LeasingRequestBudget(new DatabaseTokenBucketStore(db), options);
}

// TENANTATLAS_GRAPH_REQUEST_BUDGET=off: every request may go at once (a Graph-compatible server without Intune's limits).
const unlimitedRequestBudget: RequestBudget = { acquire: async () => async () => {} };

const sharedBudgets = new WeakMap<Kysely<Database>, RequestBudget>();

/** This process's one budget over `db`: every run of the process shares its leases and its queue per bucket. */
export function sharedDatabaseRequestBudget(db: Kysely<Database>): RequestBudget {
  let budget = sharedBudgets.get(db);
  if (!budget) {
    budget = databaseRequestBudget(db);
    sharedBudgets.set(db, budget);
  }
  return budget;
}
