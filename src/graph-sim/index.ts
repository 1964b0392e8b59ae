// The Graph-compatible simulator for tests and the demo (SPEC §7, §10 `graph-sim`).
export { startGraphSim, type GraphSim, type GraphSimOptions } from './start-graph-sim';
export { generateDemoTenants, type DemoTenantOptions } from './demo-data/generate-demo-tenants';
export { generateLargeTenant } from './demo-data/generate-large-tenant';
export { loadTenantFromDirectory, type LoadTenantOptions } from './load-tenant-from-directory';
export { SimFaults, faultKinds, faultSpecSchema, type FaultKind, type FaultSpec } from './sim-faults';
export { SimStats, type SimRequestRecord } from './sim-stats';
export type { PolicyPatch } from './tenant-mutations';
export type { SimEntity, SimTenant, SimTenantSettings } from './sim-types';
export { entitySets, entitySet, managedAppPolicyDerivedSets, type EntitySetSpec, type GraphService, type GraphVersion } from './graph-catalog';
