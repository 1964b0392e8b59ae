import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/in-transaction';
import { recordAudit } from '../../db/queries/audit-entries';
import { saveProviderConnection, type ProviderConnectionRow } from '../../db/queries/provider-connections';
import { findTenantById } from '../../db/queries/tenants';
import type { Database } from '../../db/schema';
import type { AuditContext } from '../../domain/audit';
import { encryptSecret } from '../../security/secret-box';

export interface ProviderConnectionInput {
  tenantId: number;
  clientId: string;
  clientSecret: string;
  entraTenantId: string | null;
}

/**
 * Saves a tenant's app registration; the client secret is sealed before it reaches the database. The audit entry
 * names the client and Entra tenant ids and says a secret was stored — never the secret, sealed or not.
 */
export function saveTenantProviderConnection(db: Kysely<Database>, encryptionKey: Buffer, input: ProviderConnectionInput, audit: AuditContext): Promise<ProviderConnectionRow> {
  return inTransaction(db, async (trx) => {
    const tenant = await findTenantById(trx, input.tenantId);
    if (!tenant) throw new Error(`Tenant ${input.tenantId} vanished after access was granted`);
    const saved = await saveProviderConnection(trx, {
      tenant_id: input.tenantId,
      client_id: input.clientId,
      sealed_secret: encryptSecret(input.clientSecret, encryptionKey),
      entra_tenant_id: input.entraTenantId,
    });
    await recordAudit(trx, audit, {
      workspace_id: tenant.workspace_id,
      tenant_id: tenant.id,
      action: 'provider_connection.saved',
      target_type: 'provider_connection',
      target_id: saved.id,
      summary: { after: { client_id: saved.client_id, entra_tenant_id: saved.entra_tenant_id, client_secret: 'stored (not shown)' } },
    });
    return saved;
  });
}
