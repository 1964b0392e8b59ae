import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/in-transaction';
import { recordAudit } from '../../db/queries/audit-entries';
import { startOrReuseRun, type OperationRunRecord } from '../../db/queries/operation-runs';
import { findTenantById } from '../../db/queries/tenants';
import type { Database } from '../../db/schema';
import type { AuditContext } from '../../domain/audit';
import { canonicalJson } from '../../domain/inventory';
import { startRefusal } from '../../domain/operations';
import { runsStarted } from '../../observability/metrics';
import type { RunQueue } from './run-queue';

export type StartOperationResult =
  | { ok: true; run: OperationRunRecord; reused: boolean }
  | { ok: false; code: 'operation.tenant_not_active' | 'operation.queue_unavailable'; message: string };

export interface StartOperationInput {
  tenantId: number;
  type: string;
  /** Who starts it (the run's initiator is the acting user; none for the schedule) and from where. */
  audit: AuditContext;
  /** What the run works on (e.g. policy types); part of the run's identity and kept in its context. */
  selection?: unknown;
}

/**
 * The one way an operation starts (SPEC §6), used by every start route: refuse non-active tenants, create
 * the queued run (or reuse the active one with the same identity) and enqueue its job. A reused run already has its
 * job and is not enqueued again. The run, its job and its audit entry (operation.started, or operation.reused naming
 * the run that was handed back) are written in one transaction: when the queue refuses, nothing is left behind.
 */
export async function startOperation(
  deps: { db: Kysely<Database>; queue: RunQueue },
  input: StartOperationInput,
): Promise<StartOperationResult> {
  const tenant = await findTenantById(deps.db, input.tenantId);
  if (!tenant) throw new Error(`Tenant ${input.tenantId} vanished after access was granted`);
  const refusal = startRefusal(tenant.status, input.type);
  if (refusal) return { ok: false, code: 'operation.tenant_not_active', message: refusal };

  const started = await inTransaction(deps.db, async (trx) => {
    const started = await startOrReuseRun(trx, {
      workspace_id: tenant.workspace_id,
      tenant_id: tenant.id,
      type: input.type,
      selection_hash: selectionHash(input.selection),
      user_id: input.audit.actor.user_id,
      context: input.selection === undefined ? {} : { selection: input.selection },
    });
    await recordAudit(trx, input.audit, {
      workspace_id: tenant.workspace_id,
      tenant_id: tenant.id,
      action: started.reused ? 'operation.reused' : 'operation.started',
      target_type: 'operation_run',
      target_id: started.run.id,
      summary: { type: input.type, ...(input.selection === undefined ? {} : { selection: input.selection }) },
    });
    // The job in the same transaction as its run: both or neither (a reused run has its job already).
    if (!started.reused) await deps.queue.enqueue(started.run.id, trx).catch((error: unknown) => Promise.reject(new QueueUnavailable(error)));
    return started;
  }).catch((error: unknown) => {
    if (error instanceof QueueUnavailable) return null;
    throw error;
  });
  if (!started) {
    return { ok: false, code: 'operation.queue_unavailable', message: 'The job queue could not accept this run; it was not started. Try again shortly.' };
  }
  const { run, reused } = started;
  if (!reused) {
    deps.queue.wake();
    runsStarted.inc({ type: input.type });
  }
  return { ok: true, run, reused };
}

/** Same selection → same hash, whatever the key order; no selection → '' (the column's default). */
export function selectionHash(selection: unknown): string {
  if (selection === undefined) return '';
  return crypto.createHash('sha256').update(canonicalJson(selection)).digest('hex');
}


/** The queue refused the job: the transaction rolls back, and the start is answered 503. */
class QueueUnavailable extends Error {
  constructor(cause: unknown) {
    super('the job queue refused the run', { cause });
  }
}
