import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// Measured in bench/dashboard.ts (docs/PERFORMANCE.md): counting a large tenant's open findings per severity from
// the index grew with the tenant's findings, and scanning a week of completed runs for failures grew with every
// tenant's history. Both become reads that do not grow:
// - finding_tallies: findings per (tenant, status, severity), kept by statement triggers that write net changes
//   only (a scan refreshing last_seen_at moves no tally), like the operation run tallies of 0002/0003;
// - a partial index of failed runs per tenant and type, so "failed in the last 7 days" reads failures only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE finding_tallies (
      tenant_id bigint NOT NULL,
      status text NOT NULL,
      severity text NOT NULL,
      finding_count bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (tenant_id, status, severity)
    );

    CREATE FUNCTION finding_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      signed_rows text;
    BEGIN
      signed_rows := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, tenant_id, status, severity FROM new_rows'
        WHEN 'DELETE' THEN 'SELECT -1 AS sign, tenant_id, status, severity FROM old_rows'
        ELSE 'SELECT 1 AS sign, tenant_id, status, severity FROM new_rows UNION ALL SELECT -1 AS sign, tenant_id, status, severity FROM old_rows'
      END;
      EXECUTE 'WITH changed AS (' || signed_rows || ')
        INSERT INTO finding_tallies AS t (tenant_id, status, severity, finding_count)
        SELECT tenant_id, coalesce(status, ''''), severity, sum(sign) FROM changed
        GROUP BY tenant_id, coalesce(status, ''''), severity HAVING sum(sign) <> 0
        ON CONFLICT (tenant_id, status, severity) DO UPDATE SET finding_count = t.finding_count + excluded.finding_count';
      RETURN NULL;
    END
    $$;
    CREATE TRIGGER finding_tallies_insert AFTER INSERT ON findings
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finding_tallies_apply();
    CREATE TRIGGER finding_tallies_update AFTER UPDATE ON findings
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finding_tallies_apply();
    CREATE TRIGGER finding_tallies_delete AFTER DELETE ON findings
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION finding_tallies_apply();

    -- Findings that existed before this migration.
    INSERT INTO finding_tallies (tenant_id, status, severity, finding_count)
    SELECT tenant_id, coalesce(status, ''), severity, count(*) FROM findings GROUP BY 1, 2, 3;

    CREATE INDEX operation_runs_tenant_type_failed_idx
      ON operation_runs (tenant_id, type, completed_at DESC) INCLUDE (id) WHERE status = 'completed' AND outcome = 'failed';
    `,
  );
}
