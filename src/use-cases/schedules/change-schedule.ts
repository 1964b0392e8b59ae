import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/in-transaction';
import { recordAudit } from '../../db/queries/audit-entries';
import { setWorkspaceSchedule, workspaceSchedule } from '../../db/queries/sync-scan-schedule';
import type { Database } from '../../db/schema';
import type { AuditContext } from '../../domain/audit';

/** Sets the workspace's sync-and-scan interval (null = off) and records the change with its old value. */
export function changeSchedule(db: Kysely<Database>, workspaceId: number, intervalHours: number | null, audit: AuditContext): Promise<void> {
  return inTransaction(db, async (trx) => {
    const before = await workspaceSchedule(trx, workspaceId);
    await setWorkspaceSchedule(trx, workspaceId, intervalHours);
    await recordAudit(trx, audit, {
      workspace_id: workspaceId,
      action: 'schedule.changed',
      target_type: 'workspace',
      target_id: workspaceId,
      summary: { before: { interval_hours: before }, after: { interval_hours: intervalHours } },
    });
  });
}
