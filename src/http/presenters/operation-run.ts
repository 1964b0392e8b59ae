import type { OperationRunRecord } from '../../db/queries/operation-runs';
import {
  durationSeconds,
  presentRunOutcome,
  presentRunStatus,
  retriesFromContext,
  runTypeLabel,
  sanitizeFailureSummary,
  sanitizeSummaryCounts,
} from '../../domain/operations';
import { runContextKeySchemas, type RunContext } from '../schemas/run-context';

/**
 * The run JSON of SPEC §4. summary_counts and failure_summary are sanitized on the way out too, so rows
 * written by anything other than the worker (imports, raw SQL) cannot leak keys, payloads or secrets.
 */
export function presentRun(run: OperationRunRecord) {
  return {
    id: run.id,
    workspace_id: run.workspace_id,
    tenant_id: run.tenant_id,
    type: run.type,
    type_label: runTypeLabel(run.type),
    status: run.status,
    outcome: run.outcome,
    status_presentation: presentRunStatus(run.status),
    outcome_presentation: presentRunOutcome(run.outcome),
    created_at: run.created_at.toISOString(),
    started_at: run.started_at?.toISOString() ?? null,
    completed_at: run.completed_at?.toISOString() ?? null,
    duration_seconds: durationSeconds(run.started_at, run.completed_at),
    summary_counts: sanitizeSummaryCounts(run.summary_counts),
    failure_summary: sanitizeFailureSummary(run.failure_summary),
    context: presentContext(run.context),
    initiator: run.user_id === null ? null : { user_id: run.user_id, name: run.initiator_name ?? 'Deleted user' },
    cancelled_by: cancelledBy(run),
    retries: retriesFromContext(run.context),
  };
}

export type RunJson = ReturnType<typeof presentRun>;

/** Who cancelled the run, by name: a person reads "Cancelled by Ada", not a user id in the context. */
function cancelledBy(run: OperationRunRecord): { user_id: number; name: string } | null {
  const id = isPlainObject(run.context) ? Number(run.context.cancelled_by_user_id) : Number.NaN;
  if (run.outcome !== 'cancelled' || !Number.isSafeInteger(id) || id < 1) return null;
  return { user_id: id, name: run.cancelled_by_name ?? 'Deleted user' };
}

/**
 * The context with each key this version knows in the shape the API declares (src/http/schemas/run-context.ts): a
 * stored value that does not fit (an older version's, raw SQL) is left out rather than answered mistyped, and keys
 * this version does not know pass through as stored.
 */
export function presentContext(context: unknown): RunContext | null {
  if (!isPlainObject(context)) return null;
  const entries = Object.entries(context).flatMap(([key, value]): Array<[string, unknown]> => {
    if (!Object.hasOwn(runContextKeySchemas, key)) return [[key, value]];
    const parsed = runContextKeySchemas[key as keyof typeof runContextKeySchemas].safeParse(value);
    return parsed.success ? [[key, parsed.data]] : [];
  });
  return Object.fromEntries(entries) as RunContext;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
