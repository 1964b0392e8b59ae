import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// What the operations engine adds to the ledger of 0002 (docs/PERFORMANCE.md, docs/ARCHITECTURE.md):
// - tallies per run type, so tab counts stay O(1) when the list is filtered by type;
// - daily tallies of created and completed runs, so the 30- and 7-day KPIs read one row per day plus the
//   runs of the one day the window starts in, however long and dense the history;
// - the tallies trigger of 0002 rewritten to apply net changes only: a heartbeat (an UPDATE that moves no
//   run between tallies) then writes no tally row at all, instead of -1 and +1 on the same row;
// - a change notification per run, so server-sent events reach browsers whichever process changed the run.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE operation_run_type_tallies (
      workspace_id bigint NOT NULL,
      tenant_id bigint,
      type text NOT NULL,
      status text NOT NULL,
      outcome text NOT NULL,
      run_count bigint NOT NULL DEFAULT 0,
      UNIQUE NULLS NOT DISTINCT (workspace_id, tenant_id, type, status, outcome)
    );

    -- Tab counts read a tenant's tally rows; without these, that read would scan every tenant's rows.
    CREATE INDEX operation_run_tallies_tenant_idx ON operation_run_tallies (tenant_id);
    CREATE INDEX operation_run_type_tallies_tenant_type_idx ON operation_run_type_tallies (tenant_id, type);

    -- kind 'created': runs created that UTC day (outcome '').
    -- kind 'completed': completed runs by UTC day of completed_at and outcome, with how many had a start
    -- time and the sum of their durations in seconds (avg_duration_seconds_7d).
    CREATE TABLE operation_run_daily_tallies (
      workspace_id bigint NOT NULL,
      tenant_id bigint,
      day date NOT NULL,
      kind text NOT NULL,
      outcome text NOT NULL DEFAULT '',
      run_count bigint NOT NULL DEFAULT 0,
      timed_count bigint NOT NULL DEFAULT 0,
      duration_seconds_sum numeric NOT NULL DEFAULT 0,
      UNIQUE NULLS NOT DISTINCT (tenant_id, kind, day, outcome, workspace_id)
    );

    -- One function keeps all three tally tables. The signed rows of the statement (+1 new, -1 old) are
    -- grouped and only non-zero net changes are written. Dynamic SQL lets the three statement kinds share
    -- one text; transition tables are visible to EXECUTE within the trigger.
    CREATE OR REPLACE FUNCTION operation_run_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      signed_rows text;
    BEGIN
      signed_rows := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
        WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_rows'
        ELSE 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1 AS sign, * FROM old_rows'
      END;

      EXECUTE 'WITH runs AS (' || signed_rows || ')
        INSERT INTO operation_run_tallies AS t (workspace_id, tenant_id, status, outcome, run_count)
        SELECT workspace_id, tenant_id, status, outcome, sum(sign) FROM runs
        GROUP BY workspace_id, tenant_id, status, outcome HAVING sum(sign) <> 0
        ON CONFLICT (workspace_id, tenant_id, status, outcome)
        DO UPDATE SET run_count = t.run_count + excluded.run_count';

      EXECUTE 'WITH runs AS (' || signed_rows || ')
        INSERT INTO operation_run_type_tallies AS t (workspace_id, tenant_id, type, status, outcome, run_count)
        SELECT workspace_id, tenant_id, type, status, outcome, sum(sign) FROM runs
        GROUP BY workspace_id, tenant_id, type, status, outcome HAVING sum(sign) <> 0
        ON CONFLICT (workspace_id, tenant_id, type, status, outcome)
        DO UPDATE SET run_count = t.run_count + excluded.run_count';

      EXECUTE 'WITH runs AS (' || signed_rows || '),
        contributions AS (
          SELECT sign, workspace_id, tenant_id, (created_at AT TIME ZONE ''UTC'')::date AS day,
                 ''created'' AS kind, '''' AS outcome, 0 AS timed, 0::numeric AS seconds
          FROM runs
          UNION ALL
          SELECT sign, workspace_id, tenant_id, (completed_at AT TIME ZONE ''UTC'')::date,
                 ''completed'', outcome, (started_at IS NOT NULL)::int,
                 coalesce(extract(epoch FROM completed_at - started_at), 0)::numeric
          FROM runs WHERE status = ''completed'' AND completed_at IS NOT NULL
        )
        INSERT INTO operation_run_daily_tallies AS t
          (workspace_id, tenant_id, day, kind, outcome, run_count, timed_count, duration_seconds_sum)
        SELECT workspace_id, tenant_id, day, kind, outcome, sum(sign), sum(sign * timed), sum(sign * seconds)
        FROM contributions
        GROUP BY workspace_id, tenant_id, day, kind, outcome
        HAVING sum(sign) <> 0 OR sum(sign * timed) <> 0 OR sum(sign * seconds) <> 0
        ON CONFLICT (tenant_id, kind, day, outcome, workspace_id)
        DO UPDATE SET run_count = t.run_count + excluded.run_count,
                      timed_count = t.timed_count + excluded.timed_count,
                      duration_seconds_sum = t.duration_seconds_sum + excluded.duration_seconds_sum';
      RETURN NULL;
    END
    $$;

    -- Runs that existed before this migration.
    INSERT INTO operation_run_type_tallies (workspace_id, tenant_id, type, status, outcome, run_count)
    SELECT workspace_id, tenant_id, type, status, outcome, count(*) FROM operation_runs
    GROUP BY workspace_id, tenant_id, type, status, outcome;

    INSERT INTO operation_run_daily_tallies (workspace_id, tenant_id, day, kind, outcome, run_count, timed_count, duration_seconds_sum)
    SELECT workspace_id, tenant_id, day, kind, outcome, count(*), sum(timed), sum(seconds)
    FROM (
      SELECT workspace_id, tenant_id, (created_at AT TIME ZONE 'UTC')::date AS day, 'created' AS kind, '' AS outcome,
             0 AS timed, 0::numeric AS seconds
      FROM operation_runs
      UNION ALL
      SELECT workspace_id, tenant_id, (completed_at AT TIME ZONE 'UTC')::date, 'completed', outcome, (started_at IS NOT NULL)::int,
             coalesce(extract(epoch FROM completed_at - started_at), 0)::numeric
      FROM operation_runs WHERE status = 'completed' AND completed_at IS NOT NULL
    ) AS contributions
    GROUP BY workspace_id, tenant_id, day, kind, outcome;

    -- Change notifications: one per inserted run and per run whose visible state changed (a heartbeat
    -- alone is not a change). A statement touching more than 500 runs is a bulk load or import, not live
    -- work; it is not announced run by run (the engine's own statements stay far below that).
    CREATE FUNCTION operation_runs_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        IF (SELECT count(*) FROM new_rows) <= 500 THEN
          PERFORM pg_notify('operation_run_changed',
            json_build_object('id', id, 'tenant_id', tenant_id, 'workspace_id', workspace_id)::text)
          FROM new_rows;
        END IF;
      ELSE
        IF (SELECT count(*) FROM new_rows) <= 500 THEN
          PERFORM pg_notify('operation_run_changed',
            json_build_object('id', n.id, 'tenant_id', n.tenant_id, 'workspace_id', n.workspace_id)::text)
          FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE (n.status, n.outcome, n.started_at, n.completed_at, n.summary_counts, n.failure_summary, n.context, n.type, n.tenant_id)
                IS DISTINCT FROM
                (o.status, o.outcome, o.started_at, o.completed_at, o.summary_counts, o.failure_summary, o.context, o.type, o.tenant_id);
        END IF;
      END IF;
      RETURN NULL;
    END
    $$;

    CREATE TRIGGER operation_runs_notify_insert AFTER INSERT ON operation_runs
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION operation_runs_notify_change();
    CREATE TRIGGER operation_runs_notify_update AFTER UPDATE ON operation_runs
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION operation_runs_notify_change();
  `,
  );
}
