import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { countWorkspaces } from '../db/queries/workspaces';
import { insertTenant, updateTenantLifecycle } from '../db/queries/tenants';
import type { RunQueue } from '../use-cases/operations/run-queue';
import { createUserWithMembership } from '../use-cases/accounts/create-user';
import { createWorkspace } from '../use-cases/accounts/create-workspace';
import { startOperation } from '../use-cases/operations/start-operation';
import { saveTenantProviderConnection } from '../use-cases/tenants/save-provider-connection';
import { CORRUPT_DEMO_STATUS, demoTenantPlans, type DemoTenantPlan } from './demo-tenants';

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
  /** The graph-sim tenants to connect to; null when the demo points at a real Graph (no connections, no runs). */
  graphTenants: DemoGraphTenant[] | null;
  runTimeoutMs?: number;
}

/** Creates the demo workspace on first start only (an empty database); later starts leave data alone. */
export async function seedDemoWorkspace(db: Kysely<Database>, options: SeedDemoOptions) {
  const { count } = await countWorkspaces(db);
  if (count > 0) {
    options.log(`Demo: the database already has data; sign in as ${DEMO_EMAIL} if you created the demo earlier.`);
    return null;
  }
  const password = options.password ?? process.env.TENANTATLAS_DEMO_PASSWORD ?? crypto.randomBytes(9).toString('base64url');
  const workspace = await createWorkspace(db, { name: 'Contoso MSP (demo)', slug: 'demo' });
  const user = await createUserWithMembership(db, { email: DEMO_EMAIL, name: 'Demo Admin', workspace: 'demo', role: 'owner', password });

  const tenants = [];
  for (const plan of demoTenantPlans) {
    const graph = options.graphTenants?.[plan.sim] ?? null;
    tenants.push({ plan, id: await createDemoTenant(db, options, workspace.id, plan, graph) });
  }

  // Real runs: provider.verify executed by the engine against graph-sim, while the tenants are active.
  const runIds: number[] = [];
  for (const { plan, id } of tenants.filter((t) => t.plan.verify && options.graphTenants)) {
    const started = await startOperation({ db, queue: options.queue }, { tenantId: id, type: 'provider.verify', userId: user.id });
    if (started.ok) runIds.push(started.run.id);
    else options.log(`Demo: could not start a run for tenant ${id} (${plan.finalStatus}): ${started.message}`);
  }
  await waitForRuns(db, runIds, options.runTimeoutMs ?? 60_000, options.log);

  for (const { plan, id } of tenants) await settleLifecycle(db, id, plan.finalStatus);

  options.log('');
  options.log('  TenantAtlas demo workspace created.');
  options.log(`  Sign in with  email: ${DEMO_EMAIL}   password: ${password}`);
  options.log('');
  return { workspace, email: DEMO_EMAIL, password };
}

async function createDemoTenant(db: Kysely<Database>, options: SeedDemoOptions, workspaceId: number, plan: DemoTenantPlan, graph: DemoGraphTenant | null) {
  const row = await insertTenant(db, {
    workspace_id: workspaceId,
    name: plan.name,
    domain: plan.domain,
    entra_tenant_id: graph?.entra_tenant_id ?? crypto.randomUUID(),
  });
  await db.updateTable('tenants').set({ rbac_status: plan.rbac_status }).where('id', '=', row.id).execute();
  // Runs only start for active tenants, so every tenant that gets a run starts out active.
  if (plan.verify) await sql`UPDATE tenants SET status = 'active' WHERE id = ${row.id}`.execute(db);
  if (graph && plan.connection !== 'none') {
    await saveTenantProviderConnection(db, options.encryptionKey, {
      tenantId: row.id,
      clientId: graph.client_id,
      clientSecret: plan.connection === 'valid' ? graph.client_secret : 'not-the-right-secret',
      entraTenantId: graph.entra_tenant_id,
    });
  }
  return row.id;
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

async function waitForRuns(db: Kysely<Database>, runIds: number[], timeoutMs: number, log: (line: string) => void) {
  if (runIds.length === 0) return;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const active = await db.selectFrom('operation_runs').select('id').where('id', 'in', runIds).where('status', '!=', 'completed').execute();
    if (active.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log('Demo: the first runs are still going; they finish in the background.');
}
