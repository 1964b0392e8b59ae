import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// One managed tenant belongs to one workspace (SPEC §1): a tenant's Entra tenant id is unique across the whole
// product, compared case-insensitively (GUIDs are written in either case). The database decides, so two
// workspaces registering the same tenant at once cannot both win. An installation that already holds duplicates
// stops at this migration with the duplicate named; correct one of the two tenants and start again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE UNIQUE INDEX tenants_entra_tenant_id_key ON tenants (lower(entra_tenant_id)) WHERE entra_tenant_id IS NOT NULL;
    `,
  );
}
