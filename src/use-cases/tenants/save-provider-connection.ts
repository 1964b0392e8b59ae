import type { Kysely } from 'kysely';
import { saveProviderConnection, type ProviderConnectionRow } from '../../db/queries/provider-connections';
import type { Database } from '../../db/schema';
import { encryptSecret } from '../../security/secret-box';

export interface ProviderConnectionInput {
  tenantId: number;
  clientId: string;
  clientSecret: string;
  entraTenantId: string | null;
}

/** Saves a tenant's app registration; the client secret is sealed before it reaches the database. */
export function saveTenantProviderConnection(db: Kysely<Database>, encryptionKey: Buffer, input: ProviderConnectionInput): Promise<ProviderConnectionRow> {
  return saveProviderConnection(db, {
    tenant_id: input.tenantId,
    client_id: input.clientId,
    sealed_secret: encryptSecret(input.clientSecret, encryptionKey),
    entra_tenant_id: input.entraTenantId,
  });
}
