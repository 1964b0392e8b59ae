import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// What the tenant dashboard and the workspace portfolio read (SPEC §3; issue 7), per tenant and type:
// the newest successful drift scan (drift.last_scan_at, stale) and the scans and syncs that failed in the
// last 7 days ("Needs attention"). Without this index both walk every completed run of a tenant that has
// not scanned lately; with it they read only that type's completed runs, index-only thanks to INCLUDE.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE INDEX operation_runs_tenant_type_completed_idx
      ON operation_runs (tenant_id, type, completed_at DESC) INCLUDE (outcome, id) WHERE status = 'completed';
    `,
  );
}

