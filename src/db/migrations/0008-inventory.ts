import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// Inventory (SPEC §1, §3, §9; docs/ARCHITECTURE.md "The inventory sync"):
// - inventory_items learns when an item was first seen, when its content last changed, and since which sync
//   it is missing from Graph. Present items are not rewritten by a sync that finds them unchanged, so "seen
//   by the last sync" is the type's last successful sync (inventory_type_states); only a missing item's
//   last_seen_sync_run_id is written, when it goes missing, and then "stays behind".
// - name_key orders and searches items by name without case; "C" collation gives the same order on
//   PostgreSQL and PGlite whatever the locale.
// - inventory_item_tallies counts items per (tenant, type), kept by statement triggers as items are inserted
//   or deleted, so the KPI header reads at most one row per type however large the inventory.
// - inventory_type_states holds each type's latest sync result (coverage's "last result").
// - inventory_sync_staged holds what a sync read that differs from the stored items, per type, until the
//   type's read finished: a type whose read fails part-way leaves its stored items untouched.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    ALTER TABLE inventory_items
      ADD COLUMN first_seen_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN content_changed_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN missing_since_sync_run_id bigint REFERENCES inventory_sync_runs (id) ON DELETE SET NULL,
      ADD COLUMN name_key text COLLATE "C" GENERATED ALWAYS AS (lower(coalesce(display_name, external_id))) STORED;

    CREATE INDEX inventory_items_name_idx ON inventory_items (tenant_id, name_key, id);
    CREATE INDEX inventory_items_type_name_idx ON inventory_items (tenant_id, policy_type, name_key, id);
    CREATE INDEX inventory_items_changed_idx ON inventory_items (tenant_id, content_changed_at DESC, id DESC);
    CREATE INDEX inventory_items_missing_idx ON inventory_items (tenant_id, name_key, id) WHERE missing_since_sync_run_id IS NOT NULL;

    CREATE INDEX inventory_sync_runs_operation_run_idx ON inventory_sync_runs (operation_run_id);

    CREATE TABLE inventory_item_tallies (
      tenant_id bigint NOT NULL,
      policy_type text NOT NULL,
      items bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (tenant_id, policy_type)
    );

    CREATE OR REPLACE FUNCTION inventory_item_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO inventory_item_tallies AS t (tenant_id, policy_type, items)
        SELECT tenant_id, policy_type, count(*) FROM new_rows GROUP BY tenant_id, policy_type
        ON CONFLICT (tenant_id, policy_type) DO UPDATE SET items = t.items + excluded.items;
      ELSE
        UPDATE inventory_item_tallies AS t SET items = t.items - gone.items
        FROM (SELECT tenant_id, policy_type, count(*) AS items FROM old_rows GROUP BY tenant_id, policy_type) AS gone
        WHERE t.tenant_id = gone.tenant_id AND t.policy_type = gone.policy_type;
      END IF;
      RETURN NULL;
    END $$;

    CREATE TRIGGER inventory_item_tallies_insert AFTER INSERT ON inventory_items
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION inventory_item_tallies_apply();
    CREATE TRIGGER inventory_item_tallies_delete AFTER DELETE ON inventory_items
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION inventory_item_tallies_apply();

    -- An item's identity (tenant, type, external id) never changes; the tallies rely on it.
    CREATE OR REPLACE FUNCTION inventory_items_identity_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'an inventory item''s tenant, type and external id cannot change; insert a new item instead'
        USING ERRCODE = 'check_violation';
    END $$;
    CREATE TRIGGER inventory_items_identity_fixed BEFORE UPDATE OF tenant_id, policy_type, external_id ON inventory_items
      FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.policy_type IS DISTINCT FROM NEW.policy_type
        OR OLD.external_id IS DISTINCT FROM NEW.external_id)
      EXECUTE FUNCTION inventory_items_identity_fixed();

    INSERT INTO inventory_item_tallies (tenant_id, policy_type, items)
    SELECT tenant_id, policy_type, count(*) FROM inventory_items GROUP BY tenant_id, policy_type;

    CREATE TABLE inventory_type_states (
      tenant_id bigint NOT NULL REFERENCES tenants (id),
      policy_type text NOT NULL,
      last_sync_run_id bigint REFERENCES inventory_sync_runs (id) ON DELETE SET NULL,
      last_status text NOT NULL,
      last_error_code text,
      last_synced_at timestamptz NOT NULL DEFAULT now(),
      last_succeeded_sync_run_id bigint REFERENCES inventory_sync_runs (id) ON DELETE SET NULL,
      last_succeeded_at timestamptz,
      PRIMARY KEY (tenant_id, policy_type)
    );

    CREATE TABLE inventory_sync_staged (
      sync_run_id bigint NOT NULL REFERENCES inventory_sync_runs (id) ON DELETE CASCADE,
      policy_type text NOT NULL,
      external_id text NOT NULL,
      display_name text,
      category text,
      platform text,
      content_hash text NOT NULL,
      payload jsonb NOT NULL,
      PRIMARY KEY (sync_run_id, policy_type, external_id)
    );
    `,
  );
}
