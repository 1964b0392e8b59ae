import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/in-transaction';
import { recordAudit } from '../../db/queries/audit-entries';
import { acknowledgeFinding, closeFinding, findFinding, reopenFinding, type FindingRow } from '../../db/queries/findings';
import { findTenantById } from '../../db/queries/tenants';
import type { Database } from '../../db/schema';
import type { AuditAction, AuditContext } from '../../domain/audit';
import { triageRefusal, type ManualClosedReason, type TriageAction } from '../../domain/drift';

const triageAuditAction: Record<TriageAction, AuditAction> = { acknowledge: 'finding.acknowledged', close: 'finding.closed', reopen: 'finding.reopened' };

export type TriageResult = { ok: true; finding: FindingRow } | { ok: false; code: 'finding.not_allowed'; message: string };

/**
 * Triage per SPEC §5 (who may is decided by the access hook): acknowledge an open finding, close an open one
 * with a reason, reopen a closed one. A finding not in the state the action needs is a 409 with the reason.
 */
export async function triageFinding(
  db: Kysely<Database>,
  input: { findingId: number; action: TriageAction; reason?: ManualClosedReason; note?: string | null },
  audit: AuditContext,
): Promise<TriageResult> {
  const userId = audit.actor.user_id;
  const updated = await inTransaction(db, async (trx) => {
    const before = await findFinding(trx, input.findingId);
    const row =
      input.action === 'acknowledge'
        ? await acknowledgeFinding(trx, input.findingId, userId)
        : input.action === 'close'
          ? await closeFinding(trx, input.findingId, { userId, reason: input.reason ?? 'risk_accepted', note: input.note ?? null })
          : await reopenFinding(trx, input.findingId);
    if (row && before) {
      const tenant = await findTenantById(trx, row.tenant_id);
      await recordAudit(trx, audit, {
        workspace_id: tenant?.workspace_id ?? null,
        tenant_id: row.tenant_id,
        action: triageAuditAction[input.action],
        target_type: 'finding',
        target_id: row.id,
        summary: {
          subject: row.subject_display_name ?? row.subject_external_id,
          before: { status: before.status, closed_reason: before.closed_reason, acknowledged: before.acknowledged_at !== null },
          after: { status: row.status, closed_reason: row.closed_reason, acknowledged: row.acknowledged_at !== null, ...(row.closed_note ? { note: row.closed_note } : {}) },
        },
      });
    }
    return row;
  });
  if (updated) return { ok: true, finding: updated };
  const current = await findFinding(db, input.findingId);
  const message = current ? triageRefusal(input.action, current) : 'The finding no longer exists.';
  return { ok: false, code: 'finding.not_allowed', message: message ?? 'The finding changed while you acted; reload it.' };
}
