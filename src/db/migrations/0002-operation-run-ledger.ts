import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// Indexes and counters that keep the operations pages independent of history size (docs/PERFORMANCE.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    -- A run's identity (tenant, type, selection) is unique among active runs: the database, not code,
    -- guarantees that concurrent starts yield one run (SPEC §6).
    CREATE UNIQUE INDEX operation_runs_active_identity_key
      ON operation_runs (workspace_id, coalesce(tenant_id, 0), type, selection_hash)
      WHERE status IN ('queued', 'running');

    -- Newest-first listing per tenant (All tab and keyset pagination), per type, and per tab.
    CREATE INDEX operation_runs_tenant_created_idx ON operation_runs (tenant_id, created_at DESC, id DESC);
    CREATE INDEX operation_runs_tenant_type_created_idx ON operation_runs (tenant_id, type, created_at DESC, id DESC);
    CREATE INDEX operation_runs_tenant_outcome_created_idx
      ON operation_runs (tenant_id, outcome, created_at DESC, id DESC) WHERE status = 'completed';
    CREATE INDEX operation_runs_tenant_active_created_idx
      ON operation_runs (tenant_id, created_at DESC, id DESC) WHERE status IN ('queued', 'running');
    -- The 7-day KPIs read only completed runs by completion time; INCLUDE makes them index-only.
    CREATE INDEX operation_runs_tenant_completed_idx
      ON operation_runs (tenant_id, completed_at) INCLUDE (outcome, started_at) WHERE status = 'completed';
    CREATE INDEX operation_runs_workspace_created_idx ON operation_runs (workspace_id, created_at DESC, id DESC);
    -- The reconciler looks for active runs with an old heartbeat.
    CREATE INDEX operation_runs_active_heartbeat_idx ON operation_runs (heartbeat_at) WHERE status IN ('queued', 'running');

    -- Exact per-tenant tallies by (status, outcome), kept by statement-level triggers so tab counts are
    -- O(1) however long the history. Rows inserted by raw SQL are counted too.
    CREATE TABLE operation_run_tallies (
      workspace_id bigint NOT NULL,
      tenant_id bigint,
      status text NOT NULL,
      outcome text NOT NULL,
      run_count bigint NOT NULL DEFAULT 0,
      UNIQUE NULLS NOT DISTINCT (workspace_id, tenant_id, status, outcome)
    );

    CREATE FUNCTION operation_run_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO operation_run_tallies AS t (workspace_id, tenant_id, status, outcome, run_count)
        SELECT workspace_id, tenant_id, status, outcome, -count(*) FROM old_rows
        GROUP BY workspace_id, tenant_id, status, outcome
        ON CONFLICT (workspace_id, tenant_id, status, outcome)
        DO UPDATE SET run_count = t.run_count + excluded.run_count;
      END IF;
      IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO operation_run_tallies AS t (workspace_id, tenant_id, status, outcome, run_count)
        SELECT workspace_id, tenant_id, status, outcome, count(*) FROM new_rows
        GROUP BY workspace_id, tenant_id, status, outcome
        ON CONFLICT (workspace_id, tenant_id, status, outcome)
        DO UPDATE SET run_count = t.run_count + excluded.run_count;
      END IF;
      RETURN NULL;
    END
    $$;

    CREATE TRIGGER operation_run_tallies_insert AFTER INSERT ON operation_runs
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION operation_run_tallies_apply();
    CREATE TRIGGER operation_run_tallies_update AFTER UPDATE ON operation_runs
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION operation_run_tallies_apply();
    CREATE TRIGGER operation_run_tallies_delete AFTER DELETE ON operation_runs
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION operation_run_tallies_apply();
  `,
  );
}
