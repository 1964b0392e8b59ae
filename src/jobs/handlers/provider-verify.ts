import { findTenantById } from '../../db/queries/tenants';
import { findProviderConnection, setTenantAppStatus } from '../../db/queries/provider-connections';
import { GraphClient, isGraphError, readOrganization } from '../../graph';
import { decryptSecret } from '../../security/secret-box';
import { OperationFailure, type RunHandler } from '../run-handler';

/**
 * provider.verify: proves the tenant's app registration works by acquiring an app-only token and reading
 * /organization (SPEC §7). The outcome is recorded on the run and, as the provider side's own status, in
 * tenants.app_status ('ok' / 'error'). The decrypted secret exists only in this function's scope and is
 * protected: it is cut out of every failure message and log line of the run.
 */
export const verifyProviderConnection: RunHandler = async ({ run, db, config, keys, signal, progress, protect, noteRetry, log }) => {
  const tenantId = run.tenant_id;
  if (tenantId === null) throw new OperationFailure('provider.not_configured', 'A provider connection belongs to a tenant; this run has none.');
  const [tenant, connection] = await Promise.all([findTenantById(db, tenantId), findProviderConnection(db, tenantId)]);
  const entraTenantId = connection?.entra_tenant_id || tenant?.entra_tenant_id;
  if (!connection?.client_id || !connection.client_secret) {
    throw new OperationFailure('provider.not_configured', 'No provider connection is saved for this tenant; save its app registration (client id and secret) first.');
  }
  if (!entraTenantId) {
    throw new OperationFailure('provider.not_configured', 'Neither the provider connection nor the tenant names an Entra tenant id; add it to the connection.');
  }

  let clientSecret: string;
  try {
    clientSecret = decryptSecret(connection.client_secret, keys.encryptionKey);
  } catch {
    throw new OperationFailure('provider.secret_unreadable', 'The saved client secret cannot be decrypted with this installation\'s key; save the connection again.');
  }
  protect(clientSecret);
  await progress({ total: 1 });

  const client = new GraphClient({
    entraTenantId,
    clientId: connection.client_id,
    clientSecret,
    graphUrl: config.graphUrl,
    loginUrl: config.loginUrl,
    logger: log,
    onRetry: noteRetry,
  });
  try {
    const organization = await readOrganization(client, signal);
    await setTenantAppStatus(db, tenantId, 'ok');
    await progress({ processed: 1, succeeded: 1 });
    log.info({ organization_id: organization.id, default_domain: organization.defaultDomain }, 'provider connection verified');
  } catch (error) {
    if (signal.aborted) throw error;
    await setTenantAppStatus(db, tenantId, 'error');
    await progress({ processed: 1, failed: 1 });
    if (isGraphError(error)) throw new OperationFailure(error.code, error.message);
    throw error;
  }
};
