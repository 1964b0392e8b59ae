// The demo workspace's tenants: every lifecycle state, one corrupt stored status (so the invalid fallback is
// visible), and runs that really executed against the in-process graph-sim.
/**
 * One run of the demo's history, executed for real (provider.verify unless `type` says otherwise). A fault
 * makes graph-sim misbehave for that run only: by default once, on the request the run type makes first
 * (throttling the engine retries through, a slow answer, refused credentials); with `pathPrefix` on every
 * request under that path for the whole run (a policy type Graph refuses, so the sync ends partial).
 * `cancel` cancels the run mid-way.
 */
export interface DemoRun {
  type?: 'provider.verify' | 'inventory.sync' | 'baseline.capture' | 'drift.scan';
  /** Before this run starts, an administrator changes, adds and removes policies in graph-sim (demo-drift.ts). */
  before?: 'make_drift';
  fault?: { kind: 'throttle' | 'slow' | 'bad_credentials' | 'forbidden'; retryAfterSeconds?: number; delayMs?: number; pathPrefix?: string };
  cancel?: boolean;
}

const sync: DemoRun = { type: 'inventory.sync' };
const capture: DemoRun = { type: 'baseline.capture' };
const scan: DemoRun = { type: 'drift.scan' };

export interface DemoTenantPlan {
  name: string;
  domain: string;
  /** Index of the graph-sim tenant that plays this tenant's Microsoft 365 organization. */
  sim: number;
  /** The lifecycle the tenant ends in; runs are started while it is still active. */
  finalStatus: 'draft' | 'onboarding' | 'active' | 'archived' | 'corrupt';
  connection: 'valid' | 'none';
  /** Runs executed one after another while the tenant is still active. */
  runs: DemoRun[];
  /** After the runs, a person closes the tenant's least severe open finding as risk accepted. */
  acceptRisk?: boolean;
  rbac_status: string | null;
}

export const CORRUPT_DEMO_STATUS = 'ACTIVE ';

export const demoTenantPlans: DemoTenantPlan[] = [
  {
    name: 'Contoso Ltd',
    domain: 'contoso.onmicrosoft.com',
    sim: 0,
    finalStatus: 'active',
    connection: 'valid',
    // Verified plainly, after a 429 with Retry-After, after a slow answer, and one cancelled while running;
    // its inventory synced and captured as the baseline; then policies were changed, added and removed in the
    // portal, and a sync and a scan found that drift. Synced again while Graph refused the driver update
    // profiles (partial), so the last scan could not compare that type and says so.
    runs: [
      {}, { fault: { kind: 'throttle', retryAfterSeconds: 1 } }, { fault: { kind: 'slow', delayMs: 1500 } }, { fault: { kind: 'slow', delayMs: 4000 }, cancel: true },
      sync, capture, { type: 'inventory.sync', before: 'make_drift' }, scan,
      { type: 'inventory.sync', fault: { kind: 'forbidden', pathPrefix: 'deviceManagement/windowsDriverUpdateProfiles' } }, scan,
    ],
    acceptRisk: true,
    rbac_status: 'granted',
  },
  { name: 'Tailspin Toys', domain: 'tailspin.onmicrosoft.com', sim: 1, finalStatus: 'archived', connection: 'valid', runs: [{}, sync], rbac_status: 'granted' },
  { name: 'Fabrikam Inc', domain: 'fabrikam.onmicrosoft.com', sim: 2, finalStatus: 'onboarding', connection: 'valid', runs: [], rbac_status: 'missing' },
  // Synced but never baselined, so never scanned (stale drift: the schedule scans only tenants with a baseline),
  // then Entra ID refused the app's credentials (a rotated secret) to a verification and to the next sync, so the
  // demo also shows failed runs with their stable error code (auth.failed) — and a failed sync under "Needs attention".
  {
    name: 'Woodgrove Bank', domain: 'woodgrove.onmicrosoft.com', sim: 3, finalStatus: 'active', connection: 'valid',
    runs: [{}, sync, { fault: { kind: 'bad_credentials' } }, { type: 'inventory.sync', fault: { kind: 'bad_credentials' } }], rbac_status: 'granted',
  },
  { name: 'Northwind Traders', domain: 'northwind.onmicrosoft.com', sim: 4, finalStatus: 'draft', connection: 'none', runs: [], rbac_status: null },
  { name: 'Litware (corrupt status)', domain: 'litware.onmicrosoft.com', sim: 5, finalStatus: 'corrupt', connection: 'none', runs: [], rbac_status: 'denied' },
];

