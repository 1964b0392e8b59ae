import { generateDemoTenants, startGraphSim, type GraphSim } from '../graph-sim';
import { demoTenantPlans } from './demo-tenants';

/**
 * The demo's Microsoft Graph: graph-sim in the same process on a free loopback port, with generated tenants
 * (the same ones on every start, so saved connections keep working). Runs in the demo are therefore real:
 * tokens, paging and errors go over HTTP exactly as against Graph.
 */
export async function startDemoGraph(): Promise<GraphSim> {
  const tenants = generateDemoTenants({ seed: 1, count: demoTenantPlans.length });
  // The simulated organizations carry the demo tenants' names, so a verify run reads back the expected name.
  for (const plan of demoTenantPlans) {
    const tenant = tenants[plan.sim];
    if (tenant) Object.assign(tenant, { display_name: plan.name, verified_domain: plan.domain });
  }
  return startGraphSim({ port: 0, tenants });
}
