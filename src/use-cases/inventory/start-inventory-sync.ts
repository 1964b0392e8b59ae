import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuditContext } from '../../domain/audit';
import { resolveSyncSelection } from '../../domain/inventory';
import type { RunQueue } from '../operations/run-queue';
import { startOperation, type StartOperationResult } from '../operations/start-operation';

export type StartInventorySyncResult = StartOperationResult | { ok: false; code: 'inventory.unknown_policy_types'; message: string; unknown: string[] };

/**
 * Starts (or reuses) an inventory.sync for a selection of policy types (SPEC §4). The sorted selection is the
 * run's identity, so the same types named in any order, or all of them named or none, share one active run.
 */
export async function startInventorySync(
  deps: { db: Kysely<Database>; queue: RunQueue },
  input: { tenantId: number; audit: AuditContext; policyTypes?: readonly string[] },
): Promise<StartInventorySyncResult> {
  const selection = resolveSyncSelection(input.policyTypes);
  if (!selection.ok) {
    return { ok: false, code: 'inventory.unknown_policy_types', message: `policy_types: unknown policy types: ${selection.unknown.join(', ')}`, unknown: selection.unknown };
  }
  return startOperation(deps, { tenantId: input.tenantId, type: 'inventory.sync', audit: input.audit, selection: { policy_types: selection.policy_types } });
}
