import { sql, type Kysely } from 'kysely';
import type { DetectedDrift, FindingPlan, KnownFinding } from '../../domain/drift';
import type { Database } from '../schema';

// How a drift scan reads and writes findings: the stored findings it may touch, and its plan applied in one
// transaction (a scan that fails half-way leaves the findings as they were).

/** Stored findings whose fingerprint was detected, and every open finding of the tenant. */
export async function knownFindings(db: Kysely<Database>, tenantId: number, fingerprints: readonly string[]): Promise<KnownFinding[]> {
  return db
    .selectFrom('findings')
    .select(['id', 'fingerprint', 'policy_type', 'status', 'closed_reason'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => (fingerprints.length === 0 ? eb('status', '=', 'open') : eb.or([eb('status', '=', 'open'), eb('fingerprint', 'in', fingerprints)])))
    .execute();
}

export interface ScanStamp {
  tenantId: number;
  scopeKey: string;
  baselineId: number;
  scanRunId: number;
}

export async function applyFindingPlan(db: Kysely<Database>, plan: FindingPlan, stamp: ScanStamp): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const seen = (drift: DetectedDrift) => ({
      severity: drift.severity,
      subject_display_name: drift.display_name,
      evidence: JSON.stringify(drift.evidence),
      scope_key: stamp.scopeKey,
      baseline_id: stamp.baselineId,
      last_scan_run_id: stamp.scanRunId,
      last_seen_at: sql<Date>`now()`,
    });
    for (let start = 0; start < plan.create.length; start += 500) {
      await trx
        .insertInto('findings')
        .values(
          plan.create.slice(start, start + 500).map((drift) => ({
            tenant_id: stamp.tenantId,
            kind: drift.kind,
            fingerprint: drift.fingerprint,
            policy_type: drift.policy_type,
            subject_external_id: drift.external_id,
            ...seen(drift),
          })),
        )
        .execute();
    }
    for (const { id, drift } of plan.stillOpen) await trx.updateTable('findings').set(seen(drift)).where('id', '=', id).execute();
    for (const { id } of plan.stillClosed) await trx.updateTable('findings').set({ last_seen_at: sql`now()`, last_scan_run_id: stamp.scanRunId }).where('id', '=', id).execute();
    for (const { id, drift } of plan.reopen) {
      await trx
        .updateTable('findings')
        .set({ ...seen(drift), status: 'open', closed_reason: null, closed_at: null, closed_by_user_id: null, closed_note: null, acknowledged_at: null, acknowledged_by_user_id: null, reopened_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    }
    if (plan.resolve.length > 0) {
      await trx
        .updateTable('findings')
        .set({ status: 'closed', closed_reason: 'resolved', closed_at: sql`now()`, closed_by_user_id: null, last_scan_run_id: stamp.scanRunId })
        .where('id', 'in', plan.resolve)
        .where('status', '=', 'open')
        .execute();
    }
  });
}
