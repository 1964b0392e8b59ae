// The shapes the Graph simulator serves. A tenant's policies are keyed by the Graph collection they are stored in
// (graph-catalog.ts `storedCollections()`, e.g. 'deviceManagement/configurationPolicies'); the objects are live, so
// tests can change a tenant between two syncs and the next read sees it. Navigation properties (assignments,
// settings, definitionValues with their presentationValues, driverInventories, apps, …) are stored on the entity,
// as exports carry them, and served the way Graph serves them (navigation-properties.ts).

/** A Graph entity as the simulator stores it: JSON with at least an id. */
export type SimEntity = Record<string, unknown> & { id: string };

export interface SimTenant {
  entra_tenant_id: string;
  display_name: string;
  verified_domain: string;
  client_id: string;
  client_secret: string;
  policies: Record<string, SimEntity[]>;
  /** Entra groups (GET groups/{id}); the ids assignments target. */
  groups?: SimEntity[];
  /**
   * Setting definitions (deviceManagement/configurationSettings/{id}, and `settings?$expand=settingDefinitions`).
   * A settingDefinitionId without a definition here is answered with a definition modelled from the id
   * (setting-definitions.ts), so every setting has one, as in Graph.
   */
  setting_definitions?: SimEntity[];
  /** Application permissions granted to the tenant's app registration; undefined: every permission is granted. */
  granted_permissions?: string[];
  /** false: the tenant has no Intune licence, and Intune endpoints answer as Graph does then. Default true. */
  intune_licensed?: boolean;
  /** false: values the service changes by itself (volatile-fields.ts) stay put between reads. Default true. */
  volatile_changes?: boolean;
  /** false: Conditional Access is not limited to one request per second. Default true (real Graph). */
  conditional_access_rate_limit?: boolean;
}

/** What a test or another process may change about a tenant at runtime (GraphSim.configureTenant, PUT /_sim/tenants/{id}/settings). */
export interface SimTenantSettings {
  /** null: every permission granted. */
  granted_permissions?: string[] | null;
  intune_licensed?: boolean;
  volatile_changes?: boolean;
  conditional_access_rate_limit?: boolean;
}
