import type { LatestRunFacts } from '../../db/queries/tenant-dashboard';
import { presentDriftFreshness } from '../../domain/drift';
import { presentRunOutcome, presentRunStatus } from '../../domain/operations';
import type { TenantAttention } from '../../use-cases/dashboard/tenant-attention';

// The drift block and latest-run cells shared by the dashboard and the portfolio (SPEC §3).

export function presentDrift(drift: TenantAttention) {
  return {
    open_by_severity: drift.open_by_severity,
    open_total: drift.open_total,
    last_scan_at: drift.last_scan_at?.toISOString() ?? null,
    stale: drift.stale,
    freshness: presentDriftFreshness(drift.freshness),
  };
}

export function presentLatestRun(run: LatestRunFacts | null) {
  if (!run) return null;
  return {
    run_id: run.id,
    status: run.status,
    outcome: run.outcome,
    status_presentation: presentRunStatus(run.status),
    outcome_presentation: presentRunOutcome(run.outcome),
    created_at: run.created_at.toISOString(),
    completed_at: run.completed_at?.toISOString() ?? null,
  };
}
