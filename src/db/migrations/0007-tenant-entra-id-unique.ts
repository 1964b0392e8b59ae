import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// One managed tenant belongs to one workspace (SPEC §1): a tenant's Entra tenant id is unique across the whole
// product, compared case-insensitively (GUIDs are written in either case). The database decides, so two
// workspaces registering the same tenant at once cannot both win. An installation that already holds duplicates
// stops at this migration with the duplicated ids named (the index error alone names only the index); correct
// one tenant of each pair and start again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    DO $$
    DECLARE
      duplicated text;
    BEGIN
      SELECT string_agg(entra_id, ', ') INTO duplicated
      FROM (
        SELECT lower(entra_tenant_id) AS entra_id FROM tenants WHERE entra_tenant_id IS NOT NULL
        GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 LIMIT 20
      ) AS duplicates;
      IF duplicated IS NOT NULL THEN
        RAISE EXCEPTION 'Several tenants share an Entra tenant id (%); a Microsoft 365 tenant can belong to one workspace only. Correct or clear tenants.entra_tenant_id on all but one of each, then start again.', duplicated;
      END IF;
    END $$;
    CREATE UNIQUE INDEX tenants_entra_tenant_id_key ON tenants (lower(entra_tenant_id)) WHERE entra_tenant_id IS NOT NULL;
    `,
  );
}
