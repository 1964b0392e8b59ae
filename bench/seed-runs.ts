import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema';

const TYPES = ['inventory.sync', 'baseline.capture', 'drift.scan', 'provider.verify'];

export interface RunSeed {
  workspaceId: number;
  tenantIds: number[];
  count: number;
  /** Runs are spread evenly backwards in time from `newest`, `perDay` a day: more history, not denser history. */
  newest: Date;
  perDay: number;
}

/**
 * Inserts completed runs in bulk with SQL generate_series: ~90% succeeded, 4% partial, 5% failed, 1% cancelled,
 * durations of 5–600 s. Tenants are assigned round-robin. `offset` continues a previous seed further back in time.
 */
export async function seedCompletedRuns(db: Kysely<Database>, seed: RunSeed, offset = 0): Promise<void> {
  const secondsPerRun = 86_400 / seed.perDay;
  const tenants = `{${seed.tenantIds.join(',')}}`;
  const types = `{${TYPES.join(',')}}`;
  const batch = 250_000;
  for (let start = offset; start < offset + seed.count; start += batch) {
    const end = Math.min(offset + seed.count, start + batch) - 1;
    await sql`
      INSERT INTO operation_runs (workspace_id, tenant_id, type, status, outcome, selection_hash, created_at, started_at, completed_at, summary_counts)
      SELECT ${seed.workspaceId},
             (${tenants}::bigint[])[1 + (g % ${seed.tenantIds.length})],
             (${types}::text[])[1 + (g % 4)],
             'completed',
             CASE WHEN g % 100 < 90 THEN 'succeeded' WHEN g % 100 < 94 THEN 'partial' WHEN g % 100 < 99 THEN 'failed' ELSE 'cancelled' END,
             'bench-' || g,
             created,
             created + interval '2 seconds',
             created + interval '2 seconds' + make_interval(secs => 5 + (g * 7919) % 595),
             '{"total": 10, "processed": 10, "succeeded": 10}'::jsonb
      FROM generate_series(${start}::bigint, ${end}::bigint) AS g,
           LATERAL (SELECT ${seed.newest}::timestamptz - make_interval(secs => (g + 1) * ${secondsPerRun}::float8) AS created) c
    `.execute(db);
  }
}

/** A few active runs, as a tenant has at any moment. */
export async function seedActiveRuns(db: Kysely<Database>, workspaceId: number, tenantId: number, now: Date): Promise<void> {
  await sql`
    INSERT INTO operation_runs (workspace_id, tenant_id, type, status, outcome, selection_hash, created_at, started_at, heartbeat_at)
    VALUES (${workspaceId}, ${tenantId}, 'inventory.sync', 'running', 'pending', 'bench-active-1', ${now}, ${now}, ${now}),
           (${workspaceId}, ${tenantId}, 'drift.scan', 'queued', 'pending', 'bench-active-2', ${now}, NULL, NULL)
  `.execute(db);
}
