import type { Kysely } from 'kysely';
import { cancelRun } from '../../db/queries/operation-run-transitions';
import { findRunById, type OperationRunRecord } from '../../db/queries/operation-runs';
import { inTransaction } from '../../db/in-transaction';
import { recordAudit } from '../../db/queries/audit-entries';
import type { Database } from '../../db/schema';
import type { AuditContext } from '../../domain/audit';
import { presentRunOutcome } from '../../domain/operations';

export type CancelOperationResult = { ok: true; run: OperationRunRecord } | { ok: false; message: string };

/**
 * Cancels a queued or running run: it is completed as cancelled at once. A worker executing it notices
 * (change notification, at the latest its next heartbeat), its handler's signal aborts, and its own
 * completion no longer applies — a cancelled run stays cancelled.
 */
export async function cancelOperation(db: Kysely<Database>, runId: number, audit: AuditContext): Promise<CancelOperationResult> {
  const cancelled = await inTransaction(db, async (trx) => {
    const row = await cancelRun(trx, runId, audit.actor.user_id);
    if (row) {
      await recordAudit(trx, audit, {
        workspace_id: row.workspace_id,
        tenant_id: row.tenant_id,
        action: 'operation.cancelled',
        target_type: 'operation_run',
        target_id: row.id,
        summary: { type: row.type },
      });
    }
    return row;
  });
  const run = await findRunById(db, runId);
  if (!run) throw new Error(`Run ${runId} vanished after access was granted`);
  if (!cancelled) {
    const outcome = presentRunOutcome(run.outcome).label;
    return { ok: false, message: `This run has already completed (${outcome}); only queued or running runs can be cancelled.` };
  }
  return { ok: true, run };
}
