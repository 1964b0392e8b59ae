import { setTenantAppStatus } from '../../db/queries/provider-connections';
import { isGraphError, readOrganization } from '../../graph';
import { OperationFailure, type RunHandler } from '../run-handler';
import { tenantGraphClient } from './tenant-graph-client';

/**
 * provider.verify: proves the tenant's app registration works by acquiring an app-only token and reading
 * /organization (SPEC §7). The outcome is recorded on the run and, as the provider side's own status, in
 * tenants.app_status ('ok' / 'error').
 */
export const verifyProviderConnection: RunHandler = async (context) => {
  const { db, signal, progress, log } = context;
  const { tenantId, client } = await tenantGraphClient(context);
  await progress({ total: 1 });
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
