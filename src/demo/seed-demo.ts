import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { countWorkspaces } from '../db/queries/workspaces';
import { insertTenant, updateTenantLifecycle } from '../db/queries/tenants';
import { createUserWithMembership } from '../use-cases/accounts/create-user';
import { createWorkspace } from '../use-cases/accounts/create-workspace';

export const DEMO_EMAIL = 'demo@tenantatlas.local';

interface DemoTenant {
  name: string;
  domain: string;
  status: string;
  app_status: string | null;
  rbac_status: string | null;
}

// One tenant per lifecycle state, plus one whose stored status is corrupt so the fallback is visible.
const demoTenants: DemoTenant[] = [
  { name: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com', status: 'active', app_status: 'ok', rbac_status: 'granted' },
  { name: 'Fabrikam Inc', domain: 'fabrikam.onmicrosoft.com', status: 'onboarding', app_status: 'pending', rbac_status: 'missing' },
  { name: 'Northwind Traders', domain: 'northwind.onmicrosoft.com', status: 'draft', app_status: null, rbac_status: null },
  { name: 'Tailspin Toys', domain: 'tailspin.onmicrosoft.com', status: 'archived', app_status: 'ok', rbac_status: 'granted' },
  { name: 'Litware (corrupt status)', domain: 'litware.onmicrosoft.com', status: 'ACTIVE ', app_status: 'error', rbac_status: 'denied' },
];

/** Creates the demo workspace on first start only (an empty database); later starts leave data alone. */
export async function seedDemoWorkspace(db: Kysely<Database>, options: { log: (line: string) => void; password?: string }) {
  const { count } = await countWorkspaces(db);
  if (count > 0) {
    options.log(`Demo: the database already has data; sign in as ${DEMO_EMAIL} if you created the demo earlier.`);
    return null;
  }
  const password = options.password ?? process.env.TENANTATLAS_DEMO_PASSWORD ?? crypto.randomBytes(9).toString('base64url');
  const workspace = await createWorkspace(db, { name: 'Contoso MSP (demo)', slug: 'demo' });
  await createUserWithMembership(db, { email: DEMO_EMAIL, name: 'Demo Admin', workspace: 'demo', role: 'owner', password });

  for (const t of demoTenants) {
    const row = await insertTenant(db, { workspace_id: workspace.id, name: t.name, domain: t.domain, entra_tenant_id: crypto.randomUUID() });
    await db.updateTable('tenants').set({ app_status: t.app_status, rbac_status: t.rbac_status }).where('id', '=', row.id).execute();
    if (t.status === 'archived') {
      await updateTenantLifecycle(db, { id: row.id, from: 'draft', to: 'archived', deleted_at: new Date() });
    } else if (t.status !== 'draft') {
      // The corrupt value is written as raw SQL on purpose: the product itself never produces it.
      await sql`UPDATE tenants SET status = ${t.status} WHERE id = ${row.id}`.execute(db);
    }
  }
  options.log('');
  options.log('  TenantAtlas demo workspace created.');
  options.log(`  Sign in with  email: ${DEMO_EMAIL}   password: ${password}`);
  options.log('');
  return { workspace, email: DEMO_EMAIL, password };
}
