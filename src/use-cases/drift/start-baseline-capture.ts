import type { Kysely } from 'kysely';
import { latestFinishedSync } from '../../db/queries/drift-inputs';
import type { Database } from '../../db/schema';
import type { AuditContext } from '../../domain/audit';
import { captureRefusal } from '../../domain/drift';
import type { RunQueue } from '../operations/run-queue';
import { startOperation, type StartOperationResult } from '../operations/start-operation';

export type StartBaselineCaptureResult = StartOperationResult | { ok: false; code: 'baseline.no_sync' | 'baseline.latest_sync_failed'; message: string };

/** Starts (or reuses) a baseline.capture, refused up front (409 with the reason) when the latest sync failed or none finished. */
export async function startBaselineCapture(deps: { db: Kysely<Database>; queue: RunQueue }, input: { tenantId: number; audit: AuditContext }): Promise<StartBaselineCaptureResult> {
  const latest = await latestFinishedSync(deps.db, input.tenantId);
  const refusal = captureRefusal(latest?.status ?? null);
  if (refusal) return { ok: false, code: refusal.code as 'baseline.no_sync' | 'baseline.latest_sync_failed', message: refusal.message };
  return startOperation(deps, { tenantId: input.tenantId, type: 'baseline.capture', audit: input.audit });
}
