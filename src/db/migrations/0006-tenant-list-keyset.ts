import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// The tenant list is paged by (name, id) within a workspace (src/db/queries/tenant-listing.ts): this index
// serves the first page and every next page as a short range scan, whatever the workspace's size.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE INDEX tenants_workspace_name_idx ON tenants (workspace_id, name, id);
    `,
  );
}
