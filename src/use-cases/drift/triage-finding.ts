import type { Kysely } from 'kysely';
import { acknowledgeFinding, closeFinding, findFinding, reopenFinding, type FindingRow } from '../../db/queries/findings';
import type { Database } from '../../db/schema';
import { triageRefusal, type ManualClosedReason, type TriageAction } from '../../domain/drift';

export type TriageResult = { ok: true; finding: FindingRow } | { ok: false; code: 'finding.not_allowed'; message: string };

/**
 * Triage per SPEC §5 (who may is decided by the access hook): acknowledge an open finding, close an open one
 * with a reason, reopen a closed one. A finding not in the state the action needs is a 409 with the reason.
 */
export async function triageFinding(
  db: Kysely<Database>,
  input: { findingId: number; userId: number | null; action: TriageAction; reason?: ManualClosedReason; note?: string | null },
): Promise<TriageResult> {
  const updated =
    input.action === 'acknowledge'
      ? await acknowledgeFinding(db, input.findingId, input.userId)
      : input.action === 'close'
        ? await closeFinding(db, input.findingId, { userId: input.userId, reason: input.reason ?? 'risk_accepted', note: input.note ?? null })
        : await reopenFinding(db, input.findingId);
  if (updated) return { ok: true, finding: updated };
  const current = await findFinding(db, input.findingId);
  const message = current ? triageRefusal(input.action, current) : 'The finding no longer exists.';
  return { ok: false, code: 'finding.not_allowed', message: message ?? 'The finding changed while you acted; reload it.' };
}
