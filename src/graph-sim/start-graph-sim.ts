// A Microsoft Graph-compatible server on loopback for tests and the demo: Entra token endpoint, organization, groups,
// setting definitions and every entity set of graph-sim's catalog (graph-catalog.ts) with paging, JSON batching
// (handle-batch.ts), child collections,
// lazy and volatile properties, per-tenant permissions, licence and throttling, Graph's error bodies and request ids,
// injectable faults and live tenant data.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateDemoTenants } from './demo-data/generate-demo-tenants';
import { handleAdminRequest } from './handle-admin';
import { handleBatchRequest } from './handle-batch';
import { assignRequestIds, graphError } from './graph-error-bodies';
import { graphVersions, handleGraphRequest } from './handle-graph';
import { handleTokenRequest } from './handle-token';
import { sendJson } from './http-io';
import type { SimContext } from './sim-context';
import { SimFaults, type FaultKind } from './sim-faults';
import { SimStats } from './sim-stats';
import { SimTokens } from './sim-tokens';
import type { SimEntity, SimTenant, SimTenantSettings } from './sim-types';
import * as mutations from './tenant-mutations';
import { VolatileState } from './volatile-fields';

export interface GraphSimOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1: the simulator is for this machine only. */
  host?: string;
  /** Default: three generated demo tenants of seed 1. */
  tenants?: SimTenant[];
  /** Page size when a request has no $top. Default 5, small enough that every list pages. */
  pageSize?: number;
  /** Caps every page, whatever $top asks, as Graph does for some collections; default no cap. */
  maxPageSize?: number;
  /** expires_in of issued tokens. Default 3599. */
  tokenLifetimeSeconds?: number;
  /** The clock, in ms (Conditional Access's one request per second); default Date.now. */
  now?: () => number;
}

export interface GraphSim {
  /** e.g. http://127.0.0.1:54321 — both the login URL and the Graph URL. */
  url: string;
  port: number;
  /** Live: changes are visible to the next request. */
  tenants: SimTenant[];
  faults: SimFaults;
  stats: SimStats;
  tenant(entraTenantId: string): SimTenant;
  addPolicy(entraTenantId: string, resource: string, entity: SimEntity): SimEntity;
  updatePolicy(entraTenantId: string, resource: string, id: string, patch: mutations.PolicyPatch): SimEntity;
  removePolicy(entraTenantId: string, resource: string, id: string): boolean;
  /** Changes one element of a policy's child collections: childPath is property/id pairs, e.g. ['driverInventories', driverId]. */
  updateChild(
    entraTenantId: string,
    resource: string,
    id: string,
    childPath: readonly string[],
    patch: Record<string, unknown> | ((element: Record<string, unknown>) => Record<string, unknown>),
  ): SimEntity;
  /** Sets one setting (settings catalog, v2 compliance or intent) by its definition id. */
  changeSetting(entraTenantId: string, resource: string, id: string, definitionId: string, value: unknown): SimEntity;
  /** Renames (or otherwise changes) an Entra group. */
  updateGroup(entraTenantId: string, groupId: string, patch: Record<string, unknown>): SimEntity;
  /** Moves an enrollment configuration to a new priority; the others are renumbered as Intune renumbers them. */
  reorderEnrollmentConfiguration(entraTenantId: string, id: string, priority: number): SimEntity[];
  /** Granted permissions (null: all), Intune licence, volatile changes, Conditional Access rate limit; returns the result. */
  configureTenant(entraTenantId: string, settings: SimTenantSettings): SimTenantSettings;
  /** The application permissions granted to the tenant's app (undefined: every permission). */
  setGrantedPermissions(entraTenantId: string, permissions: string[] | undefined): void;
  /** Invalidates every issued token, as a credential rotation or revocation would. */
  revokeTokens(): void;
  close(): Promise<void>;
}

export async function startGraphSim(options: GraphSimOptions = {}): Promise<GraphSim> {
  const tenants = options.tenants ?? generateDemoTenants({ seed: 1, count: 3 });
  const pendingDelays = new Set<() => void>();
  const context: SimContext = {
    tenants,
    faults: new SimFaults(),
    tokens: new SimTokens(),
    stats: new SimStats(),
    pageSize: options.pageSize ?? 5,
    maxPageSize: options.maxPageSize,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    volatile: new VolatileState(),
    conditionalAccessLastAllowed: new Map(),
    groupDeltaTokens: new Map(),
    now: options.now ?? (() => Date.now()),
    // A client that timed out has gone; ending its wait keeps in-flight counts true to the client's view.
    delay: (ms, response) =>
      new Promise<void>((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          pendingDelays.delete(finish);
          response?.off('close', finish);
          resolve();
        };
        const timer = setTimeout(finish, ms);
        pendingDelays.add(finish);
        response?.once('close', finish);
      }),
  };

  const server = createServer((request, response) => {
    route(context, request, response).catch((error: unknown) => {
      const status = error instanceof URIError || error instanceof RangeError ? 400 : 500;
      const code = status === 400 ? 'BadRequest' : 'InternalServerError';
      sendJson(response, status, graphError(code, 'The simulator could not handle the request.', response));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}`,
    port,
    tenants,
    faults: context.faults,
    stats: context.stats,
    tenant: (id) => mutations.tenantById(tenants, id),
    addPolicy: (id, resource, entity) => mutations.addPolicy(mutations.tenantById(tenants, id), resource, entity),
    updatePolicy: (id, resource, entityId, patch) =>
      mutations.updatePolicy(mutations.tenantById(tenants, id), resource, entityId, patch),
    removePolicy: (id, resource, entityId) => mutations.removePolicy(mutations.tenantById(tenants, id), resource, entityId),
    updateChild: (id, resource, entityId, childPath, patch) =>
      mutations.updateChild(mutations.tenantById(tenants, id), resource, entityId, childPath, patch),
    changeSetting: (id, resource, entityId, definitionId, value) =>
      mutations.changeSetting(mutations.tenantById(tenants, id), resource, entityId, definitionId, value),
    updateGroup: (id, groupId, patch) => mutations.updateGroup(mutations.tenantById(tenants, id), groupId, patch),
    reorderEnrollmentConfiguration: (id, entityId, priority) =>
      mutations.reorderEnrollmentConfiguration(mutations.tenantById(tenants, id), entityId, priority),
    configureTenant: (id, settings) => mutations.configureTenant(mutations.tenantById(tenants, id), settings),
    setGrantedPermissions: (id, permissions) =>
      void mutations.configureTenant(mutations.tenantById(tenants, id), { granted_permissions: permissions ?? null }),
    revokeTokens: () => context.tokens.revokeAll(),
    close: async () => {
      for (const finish of [...pendingDelays]) finish();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

async function route(context: SimContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const method = request.method ?? 'GET';
  let outcome: { entraTenantId: string | null; status: number; fault: FaultKind | null };

  if (segments[0] === '_sim') {
    outcome = { entraTenantId: null, status: await handleAdminRequest(context, request, response, segments), fault: null };
  } else if (segments.length === 4 && segments.slice(1).join('/') === 'oauth2/v2.0/token' && method === 'POST') {
    outcome = await handleTokenRequest(context, request, response, segments[0] ?? '');
  } else if ((graphVersions as readonly string[]).includes(segments[0] ?? '')) {
    // Every Graph answer carries request-id and client-request-id (Graph error responses and resource types).
    assignRequestIds(request, response);
    outcome =
      segments.length === 2 && segments[1] === '$batch' && method === 'POST'
        ? await handleBatchRequest(context, request, response, url, segments[0] ?? '')
        : await handleGraphRequest(context, request, response, url);
  } else {
    sendJson(response, 404, { error: { code: 'NotFound', message: 'The simulator does not serve this path.' } });
    outcome = { entraTenantId: null, status: 404, fault: null };
  }
  const { entraTenantId, status, fault } = outcome;
  context.stats.record({ method, path: `${url.pathname}${url.search}`, entra_tenant_id: entraTenantId, status, fault });
}
