import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// Searching items by any part of their name (SPEC §4 `q`): a trigram index, with the tenant in the same GIN
// index (btree_gin), so a search that matches a handful of a tenant's 200 thousand items reads those matches
// instead of walking the tenant's whole name index (135 ms → a few ms, docs/PERFORMANCE.md). Both extensions
// ship with PostgreSQL (trusted since PostgreSQL 13, so a database owner may create them) and with PGlite
// (loaded in src/db/database.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE EXTENSION IF NOT EXISTS btree_gin;
    CREATE INDEX inventory_items_name_search_idx ON inventory_items USING gin (tenant_id, name_key gin_trgm_ops);
    `,
  );
}
