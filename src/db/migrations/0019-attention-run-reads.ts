import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// "Needs attention" (issue 20) counts every run of any type that failed or was partial in the last 7 days. No index
// had (tenant, outcome, completed_at) together: the statement, prepared, was planned once for any parameters and
// walked every completed run of the tenant in operation_runs_tenant_type_completed_idx (1.2 s at a million runs,
// and the dashboard fell to 12 requests/s under load, docs/PERFORMANCE.md). With outcome before completed_at, the
// 7-day window of each outcome is one index range, index-only thanks to INCLUDE — with the outcomes as parameters
// too, which a partial index on the outcomes could not serve.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE INDEX operation_runs_tenant_outcome_completed_idx
      ON operation_runs (tenant_id, outcome, completed_at DESC) INCLUDE (type, id) WHERE status = 'completed';
    `,
  );
}
