import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// Baselines, findings and their triage, and the workspace's sync-and-scan schedule (issue 7).
// - A baseline becomes the tenant's current one only when its capture completed (completed_at), so a capture
//   that fails half-way never replaces a good baseline; it records which policy types it holds and from which sync.
// - Findings remember who triaged them and why, and the scan and baseline that last saw them.
// - Keyset indexes for the findings page (newest first, filtered by status or severity) and the portfolio.
// - workspaces.sync_scan_interval_hours: null turns the schedule off (SPEC is silent; docs/DECISIONS.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    ALTER TABLE baselines
      ADD COLUMN inventory_sync_run_id bigint REFERENCES inventory_sync_runs (id) ON DELETE SET NULL,
      ADD COLUMN policy_types jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN item_count integer NOT NULL DEFAULT 0,
      ADD COLUMN completed_at timestamptz;
    CREATE INDEX baselines_current_idx ON baselines (tenant_id, completed_at DESC, id DESC) WHERE completed_at IS NOT NULL;

    ALTER TABLE findings
      ADD COLUMN baseline_id bigint REFERENCES baselines (id) ON DELETE SET NULL,
      ADD COLUMN last_scan_run_id bigint REFERENCES operation_runs (id) ON DELETE SET NULL,
      ADD COLUMN acknowledged_by_user_id bigint REFERENCES users (id) ON DELETE SET NULL,
      ADD COLUMN closed_by_user_id bigint REFERENCES users (id) ON DELETE SET NULL,
      ADD COLUMN closed_note text,
      ADD COLUMN reopened_at timestamptz;
    CREATE INDEX findings_tenant_status_created_idx ON findings (tenant_id, status, created_at DESC, id DESC);
    CREATE INDEX findings_tenant_severity_created_idx ON findings (tenant_id, severity, created_at DESC, id DESC);

    ALTER TABLE workspaces ADD COLUMN sync_scan_interval_hours integer DEFAULT 24 CHECK (sync_scan_interval_hours IS NULL OR sync_scan_interval_hours BETWEEN 1 AND 720);
    `,
  );
}
