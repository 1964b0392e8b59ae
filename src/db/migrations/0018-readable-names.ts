import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// Readable names (issue 19, point 4): the words Intune and Entra ID use for what the inventory stores as ids.
// - setting_definitions: one row per settings-catalog definition id, product-wide (a definition reads the same in
//   every tenant): its display name, description and choice options' labels. Written by the inventory sync from
//   the `settingDefinitions` Graph expands on each setting (src/db/queries/setting-definitions.ts), refreshed rarely.
// - directory_names: per tenant, the display name of an Entra group or an assignment filter that an inventory item
//   names by id (assignment targets). `state` is resolved or not_found (the object no longer exists).
// - directory_name_sources: per tenant and kind, whether names could be read at the last attempt and, when not,
//   why (`forbidden`: the app registration lacks Group.Read.All), so a page can say so instead of showing bare ids.
// Names are for people only: drift compares ids, and nothing here is part of any content hash.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE setting_definitions (
      id text PRIMARY KEY,
      display_name text,
      description text,
      options jsonb NOT NULL DEFAULT '[]',
      refreshed_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE directory_names (
      tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      kind text NOT NULL,
      object_id text NOT NULL,
      display_name text,
      state text NOT NULL DEFAULT 'resolved',
      resolved_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, kind, object_id)
    );

    CREATE TABLE directory_name_sources (
      tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      kind text NOT NULL,
      status text NOT NULL,
      reason text,
      checked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, kind)
    );
    `,
  );
}
