// The shapes the Graph simulator serves. A tenant's policies are keyed by the registry's graph_resource
// (e.g. 'deviceManagement/configurationPolicies'); the objects are live, so tests can change a tenant
// between two syncs and the next read sees it.

/** A Graph entity as the simulator stores it: JSON with at least an id. */
export type SimEntity = Record<string, unknown> & { id: string };

export interface SimTenant {
  entra_tenant_id: string;
  display_name: string;
  verified_domain: string;
  client_id: string;
  client_secret: string;
  policies: Record<string, SimEntity[]>;
}
