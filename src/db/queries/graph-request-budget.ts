import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

// The Graph request budget every worker process shares (src/graph/request-budget.ts; migration 0017): token buckets
// in PostgreSQL (or PGlite — the same SQL), so that two processes reading one tenant together stay within Intune's
// limits and Conditional Access stays paced at one request a second, whichever process sends.
//
// One statement per take, atomic under concurrency: the upsert locks the bucket's row, refills it by the time passed
// since its last take, takes up to `want` whole tokens and returns what it took. A new bucket starts full.
// Time is the statement's own start (statement_timestamp(): one value for the whole statement, so `granted` and
// `tokens` agree). A statement that waited for the row lock may have started before the take it waited for; it then
// refills nothing and leaves `updated_at` where that take put it — time is never counted twice, so the database
// clock can only make the bucket stricter, never looser.
//
// This is the store of src/graph's `TokenBucketStore`; the waiting, queueing and leasing around it are the graph
// layer's `LeasingRequestBudget`, put together by src/jobs/handlers/tenant-graph-client.ts. src/db declares the
// bucket's shape itself (TypeScript matches it structurally) and so depends on nothing outside src/db and domain.
export interface TokenBucket {
  kind: string;
  entraTenantId: string;
  clientId: string;
  capacity: number;
  refillPerSecond: number;
  /** Pacing buckets: a grant holds the bucket (no refill) for `holder` until `release`, at most this long. */
  holdMs?: number;
}

export class DatabaseTokenBucketStore {
  constructor(readonly db: Kysely<Database>) {}

  async take(bucket: TokenBucket, want: number, holder?: string): Promise<{ granted: number; tokens: number }> {
    const held = bucket.holdMs !== undefined;
    const holdUntil = sql`statement_timestamp() + make_interval(secs => ${(bucket.holdMs ?? 0) / 1000}::float8)`;
    const capacity = sql`${bucket.capacity}::float8`;
    const rate = sql`${bucket.refillPerSecond}::float8`;
    const wanted = sql`${Math.max(1, Math.floor(want))}::int`;
    const available = sql`LEAST(${capacity}, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM (statement_timestamp() - b.updated_at))::float8) * ${rate})`;
    const grant = sql`CASE WHEN ${available} >= 1 THEN LEAST(${wanted}, FLOOR(${available}))::int ELSE 0 END`;
    const { rows } = await sql<{ tokens: number; granted: number }>`
      INSERT INTO graph_request_budget AS b (kind, entra_tenant_id, client_id, tokens, granted, held_by, updated_at)
      VALUES (
        ${bucket.kind}, ${bucket.entraTenantId}, ${bucket.clientId},
        GREATEST(0, ${capacity} - LEAST(${wanted}, FLOOR(${capacity}))),
        LEAST(${wanted}, FLOOR(${capacity}))::int,
        ${held ? (holder ?? null) : null},
        ${held ? holdUntil : sql`statement_timestamp()`}
      )
      ON CONFLICT (kind, entra_tenant_id, client_id) DO UPDATE SET
        granted = ${grant},
        tokens = ${available} - ${grant},
        held_by = ${held ? sql`CASE WHEN ${grant} > 0 THEN ${holder ?? null}::text ELSE b.held_by END` : sql`b.held_by`},
        updated_at = ${held ? sql`CASE WHEN ${grant} > 0 THEN ${holdUntil} ELSE GREATEST(b.updated_at, statement_timestamp()) END` : sql`GREATEST(b.updated_at, statement_timestamp())`}
      RETURNING tokens, granted
    `.execute(this.db);
    const row = rows[0];
    if (!row) throw new Error('graph_request_budget: the upsert returned no row');
    return { granted: Number(row.granted), tokens: Number(row.tokens) };
  }

  /** Ends `holder`'s hold of a pacing bucket: it refills from now. Nothing if the hold already ended or is another's. */
  async release(bucket: TokenBucket, holder: string): Promise<void> {
    await sql`
      UPDATE graph_request_budget
      SET updated_at = statement_timestamp(), held_by = NULL
      WHERE kind = ${bucket.kind} AND entra_tenant_id = ${bucket.entraTenantId} AND client_id = ${bucket.clientId}
        AND held_by = ${holder} AND updated_at > statement_timestamp()
    `.execute(this.db);
  }
}
