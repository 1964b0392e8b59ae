import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, ProviderConnectionsTable } from '../schema';

export type ProviderConnectionRow = Selectable<ProviderConnectionsTable>;

export function findProviderConnection(db: Kysely<Database>, tenantId: number): Promise<ProviderConnectionRow | undefined> {
  return db.selectFrom('provider_connections').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

/** One connection per tenant: saving again replaces the app registration, secret included. */
export function saveProviderConnection(
  db: Kysely<Database>,
  connection: { tenant_id: number; client_id: string; sealed_secret: string; entra_tenant_id: string | null },
): Promise<ProviderConnectionRow> {
  const values = {
    tenant_id: connection.tenant_id,
    client_id: connection.client_id,
    client_secret: connection.sealed_secret,
    entra_tenant_id: connection.entra_tenant_id,
  };
  return db
    .insertInto('provider_connections')
    .values(values)
    .onConflict((conflict) =>
      conflict.column('tenant_id').doUpdateSet({
        client_id: values.client_id,
        client_secret: values.client_secret,
        entra_tenant_id: values.entra_tenant_id,
        updated_at: sql`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** app_status is the provider side's own vocabulary ('ok' / 'error'), separate from lifecycle (SPEC §2). */
export async function setTenantAppStatus(db: Kysely<Database>, tenantId: number, appStatus: 'ok' | 'error'): Promise<void> {
  await db.updateTable('tenants').set({ app_status: appStatus, updated_at: new Date() }).where('id', '=', tenantId).execute();
}

/**
 * The tenant's latest provider.verify run, newest by creation: what onboarding and the provider card show.
 * Whether it was created after the connection's last save is compared here, at the database's microsecond
 * precision (a JavaScript Date keeps only milliseconds); null when there is no connection.
 */
export function findLatestVerification(db: Kysely<Database>, tenantId: number) {
  return db
    .selectFrom('operation_runs as run')
    .leftJoin('provider_connections as connection', 'connection.tenant_id', 'run.tenant_id')
    .select(['run.id', 'run.status', 'run.outcome', 'run.created_at', 'run.completed_at', 'run.failure_summary'])
    .select(sql<boolean | null>`run.created_at > connection.updated_at`.as('after_last_save'))
    .where('run.tenant_id', '=', tenantId)
    .where('run.type', '=', 'provider.verify')
    .orderBy('run.created_at', 'desc')
    .orderBy('run.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Holds the tenant's provider connection row until the transaction ends, so a save cannot slip in between
 * reading the onboarding facts and acting on them.
 */
export async function lockProviderConnection(db: Kysely<Database>, tenantId: number): Promise<void> {
  await db.selectFrom('provider_connections').select('tenant_id').where('tenant_id', '=', tenantId).forUpdate().execute();
}
