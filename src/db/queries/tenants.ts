import type { Kysely } from 'kysely';
import type { Database, TenantRow } from '../schema';

export function findTenantById(db: Kysely<Database>, id: number): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A tenant with its workspace's slug, in one round trip, for pages that link back into the console (the dashboard). */
export function findTenantWithWorkspaceSlug(db: Kysely<Database>, id: number): Promise<(TenantRow & { workspace_slug: string | null }) | undefined> {
  return db
    .selectFrom('tenants as t')
    .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
    .selectAll('t')
    .select('w.slug as workspace_slug')
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export function insertTenant(
  db: Kysely<Database>,
  tenant: { workspace_id: number; name: string; domain: string | null; entra_tenant_id: string | null },
): Promise<TenantRow> {
  return db.insertInto('tenants').values({ ...tenant, status: 'draft' }).returningAll().executeTakeFirstOrThrow();
}

/**
 * Moves a tenant from one lifecycle state to another only if it is still in `from`: two managers
 * clicking at once cannot both win. Returns undefined when the state changed underneath.
 */
export function updateTenantLifecycle(
  db: Kysely<Database>,
  change: { id: number; from: string; to: string; deleted_at: Date | null },
): Promise<TenantRow | undefined> {
  return db
    .updateTable('tenants')
    .set({ status: change.to, deleted_at: change.deleted_at, updated_at: new Date() })
    .where('id', '=', change.id)
    .where('status', '=', change.from)
    .returningAll()
    .executeTakeFirst();
}

/** Every tenant of a workspace, archived ones included (the portfolio shows them all). */
export function listWorkspaceTenants(db: Kysely<Database>, workspaceId: number): Promise<TenantRow[]> {
  return db.selectFrom('tenants').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').orderBy('id').execute();
}
