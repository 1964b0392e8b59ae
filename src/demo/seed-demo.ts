import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AuditContext } from '../domain/audit';
import { listFindings } from '../db/queries/findings';
import { countWorkspaces } from '../db/queries/workspaces';
import { insertTenant, updateTenantLifecycle } from '../db/queries/tenants';
import type { SimFaults } from '../graph-sim';
import type { RunQueue } from '../use-cases/operations/run-queue';
import { createUserWithMembership } from '../use-cases/accounts/create-user';
import { createWorkspace } from '../use-cases/accounts/create-workspace';
import { triageFinding } from '../use-cases/drift/triage-finding';
import { saveTenantProviderConnection } from '../use-cases/tenants/save-provider-connection';
import { CORRUPT_DEMO_STATUS, demoTenantPlans, type DemoTenantPlan } from './demo-tenants';
import { rememberDemoSignIn } from './demo-sign-in';
import { runDemoHistory } from './run-demo-history';

export const DEMO_EMAIL = 'demo@tenantatlas.local';

/** A graph-sim tenant as the demo needs it: where to connect and with which credentials. */
export interface DemoGraphTenant {
  entra_tenant_id: string;
  display_name: string;
  verified_domain: string;
  client_id: string;
  client_secret: string;
}

export interface SeedDemoOptions {
  log: (line: string) => void;
  password?: string;
  encryptionKey: Buffer;
  queue: RunQueue;
  /** Where the demo's sign-in is remembered for the next start (the data directory); omitted in tests. */
  dataDir?: string;
  /** The in-process graph-sim to connect to; null when the demo points at a real Graph (no connections, no runs). */
  graph: { tenants: DemoGraphTenant[]; faults: SimFaults; makeDrift: (entraTenantId: string) => void } | null;
}

/** Creates the demo workspace on first start only (an empty database); later starts leave data alone. */
export async function seedDemoWorkspace(db: Kysely<Database>, options: SeedDemoOptions) {
  const { count } = await countWorkspaces(db);
  if (count > 0) {
    options.log('Demo: the database already has data; it is left as it is.');
    return null;
  }
  const password = options.password ?? process.env.TENANTATLAS_DEMO_PASSWORD ?? crypto.randomBytes(9).toString('base64url');
  const workspace = await createWorkspace(db, { name: 'Contoso MSP (demo)', slug: 'demo' });
  const user = await createUserWithMembership(db, { email: DEMO_EMAIL, name: 'Demo Admin', workspace: 'demo', role: 'owner', password });
  // What the demo does, it does as its owner: the audit trail shows the demo's history like anyone's.
  const demoActor: AuditContext = { actor: { user_id: user.id, token_id: null, name: 'Demo Admin' }, ip: null };

  const tenants = [];
  for (const plan of demoTenantPlans) {
    const graph = options.graph?.tenants[plan.sim] ?? null;
    tenants.push({ plan, id: await createDemoTenant(db, options, workspace.id, plan, graph, demoActor) });
  }

  // Real runs: provider.verify executed by the engine against graph-sim, while the tenants are still active.
  if (options.graph) {
    const history = { db, queue: options.queue, faults: options.graph.faults, audit: demoActor, log: options.log, makeDrift: options.graph.makeDrift };
    for (const { plan, id } of tenants) {
      const graphTenant = options.graph.tenants[plan.sim];
      if (graphTenant && plan.runs.length > 0) await runDemoHistory(history, { id, entraTenantId: graphTenant.entra_tenant_id }, plan.runs);
      if (plan.acceptRisk) await acceptLeastSevereFinding(db, id, demoActor);
    }
  }

  for (const { plan, id } of tenants) await settleLifecycle(db, id, plan.finalStatus);

  if (options.dataDir) rememberDemoSignIn(options.dataDir, { email: DEMO_EMAIL, password });
  options.log(`Demo: workspace created; sign in as ${DEMO_EMAIL} (the sign-in is printed once the server listens).`);
  return { workspace, email: DEMO_EMAIL, password };
}

async function createDemoTenant(
  db: Kysely<Database>,
  options: SeedDemoOptions,
  workspaceId: number,
  plan: DemoTenantPlan,
  graph: DemoGraphTenant | null,
  demoActor: AuditContext,
) {
  const row = await insertTenant(db, {
    workspace_id: workspaceId,
    name: plan.name,
    domain: plan.domain,
    entra_tenant_id: graph?.entra_tenant_id ?? crypto.randomUUID(),
  });
  await db.updateTable('tenants').set({ rbac_status: plan.rbac_status }).where('id', '=', row.id).execute();
  // Runs only start for active tenants, so every tenant that gets a run starts out active.
  if (plan.runs.length > 0) await sql`UPDATE tenants SET status = 'active' WHERE id = ${row.id}`.execute(db);
  if (graph && plan.connection !== 'none') {
    await saveTenantProviderConnection(db, options.encryptionKey, {
      tenantId: row.id,
      clientId: graph.client_id,
      clientSecret: graph.client_secret,
      entraTenantId: graph.entra_tenant_id,
    }, demoActor);
  }
  return row.id;
}

/** A person's triage in the demo: the least severe open finding is closed as risk accepted, with a note. */
async function acceptLeastSevereFinding(db: Kysely<Database>, tenantId: number, audit: AuditContext) {
  const open = await listFindings(db, { tenantId, filters: { status: 'open' }, limit: 100 });
  const rank = (severity: string) => ['low', 'medium', 'high', 'critical'].indexOf(severity);
  const [least] = [...open.findings].sort((a, b) => rank(a.severity) - rank(b.severity));
  if (!least) return;
  await triageFinding(
    db,
    { findingId: least.id, action: 'close', reason: 'risk_accepted', note: 'Accepted for the camera pilot until the end of the quarter; the change board signed off.' },
    audit,
  );
}

async function settleLifecycle(db: Kysely<Database>, id: number, finalStatus: DemoTenantPlan['finalStatus']) {
  if (finalStatus === 'archived') {
    await updateTenantLifecycle(db, { id, from: 'active', to: 'archived', deleted_at: new Date() });
  } else if (finalStatus !== 'draft') {
    // The corrupt value is written as raw SQL on purpose: the product itself never produces it.
    const status = finalStatus === 'corrupt' ? CORRUPT_DEMO_STATUS : finalStatus;
    await sql`UPDATE tenants SET status = ${status} WHERE id = ${id}`.execute(db);
  }
}
