import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema';
import { policyTypes } from '../src/domain/inventory';

/** `count` inventory items of the tenant across every policy type, as a real sync would leave them. */
export async function seedItems(db: Kysely<Database>, tenantId: number, count: number) {
  const types = policyTypes.map((entry) => entry.type);
  // Realistic names (a prefix per type, a number, a hash) and a small settings payload; every 50th item missing.
  await sql`
    INSERT INTO inventory_items (tenant_id, policy_type, external_id, display_name, category, platform, content_hash, payload,
                                 missing_since_sync_run_id, content_changed_at)
    SELECT ${tenantId}, (${types}::text[])[1 + g % ${types.length}], gen_random_uuid()::text,
           'Policy ' || lpad(g::text, 7, '0') || ' ' || substr(md5(g::text), 1, 8),
           'Configuration', (ARRAY['windows','macos','ios','android','all'])[1 + g % 5], md5(g::text),
           jsonb_build_object('displayName', 'Policy ' || g, 'settings', jsonb_build_array(jsonb_build_object('id', g, 'value', md5(g::text)))),
           NULL, now() - (g || ' seconds')::interval
    FROM generate_series(1, ${count}) g`.execute(db);
}
