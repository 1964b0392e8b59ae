import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema';

/**
 * Findings spread back in time: 10% critical, 20% high, 30% medium, 40% low; 40% open (a tenth of those
 * acknowledged), the rest closed (mostly resolved by scans, some accepted or false positives).
 */
export async function seedFindings(db: Kysely<Database>, tenantIds: number[], perTenant: number, offset: number) {
  for (const tenantId of tenantIds) {
    await sql`
      INSERT INTO findings (tenant_id, kind, severity, status, closed_reason, fingerprint, policy_type, subject_external_id, subject_display_name,
                            evidence, created_at, first_seen_at, last_seen_at, acknowledged_at, closed_at)
      SELECT ${tenantId},
             (ARRAY['changed_policy', 'missing_policy', 'unexpected_policy'])[1 + g % 3],
             CASE WHEN g % 10 = 0 THEN 'critical' WHEN g % 10 < 3 THEN 'high' WHEN g % 10 < 6 THEN 'medium' ELSE 'low' END,
             CASE WHEN g % 5 < 2 THEN 'open' ELSE 'closed' END,
             CASE WHEN g % 5 < 2 THEN NULL WHEN g % 5 = 4 THEN 'risk_accepted' ELSE 'resolved' END,
             'bench-' || g,
             (ARRAY['settingsCatalogPolicy', 'deviceConfiguration', 'deviceCompliancePolicy', 'appProtectionPolicy'])[1 + g % 4],
             gen_random_uuid()::text,
             'Policy ' || g,
             jsonb_build_object('changes', jsonb_build_array(jsonb_build_object('path', 'settings[s' || g || '].value', 'area', 'setting', 'change', 'changed', 'baseline', 'a', 'current', 'b')), 'changes_total', 1),
             now() - make_interval(mins => (g * 7)::int), now() - make_interval(mins => (g * 7)::int), now() - make_interval(mins => g::int),
             CASE WHEN g % 50 = 0 THEN now() ELSE NULL END,
             CASE WHEN g % 5 < 2 THEN NULL ELSE now() - make_interval(mins => g::int) END
      FROM generate_series(${offset + 1}::bigint, ${offset + perTenant}::bigint) AS g`.execute(db);
  }
}
