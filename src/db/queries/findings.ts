import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, FindingsTable } from '../schema';
import { createdAtPage, microsecondTimestampText } from './keyset-time';
import type { RunCursor } from './operation-run-listing';

// Findings as people read and triage them (SPEC §4, §5): a keyset-paged list, one finding, and the triage
// updates. Each triage update names the state it expects, so two people acting at once cannot both win.

export type FindingRow = Selectable<FindingsTable>;

export interface FindingFilters {
  status?: string;
  severity?: string;
  kind?: string;
  policy_type?: string;
}

/** Keyset position: the last row's created_at (microseconds, as text) and id — the runs list's cursor. */
export type FindingCursor = RunCursor;

export async function listFindings(
  db: Kysely<Database>,
  input: { tenantId: number; filters: FindingFilters; cursor?: FindingCursor; limit: number },
): Promise<{ findings: FindingRow[]; next: FindingCursor | null }> {
  const { filters, cursor } = input;
  let query = db.selectFrom('findings').selectAll().select(microsecondTimestampText('created_at').as('cursor_created_at')).where('tenant_id', '=', input.tenantId);
  if (filters.status) query = query.where('status', '=', filters.status);
  if (filters.severity) query = query.where('severity', '=', filters.severity);
  if (filters.kind) query = query.where('kind', '=', filters.kind);
  if (filters.policy_type) query = query.where('policy_type', '=', filters.policy_type);
  if (cursor) query = query.where(sql<boolean>`(created_at, id) < (${cursor.created_at}::timestamptz, ${cursor.id}::bigint)`);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(input.limit + 1).execute();
  const { page, next } = createdAtPage(rows, input.limit);
  return { findings: page, next };
}

export function findFinding(db: Kysely<Database>, findingId: number): Promise<FindingRow | undefined> {
  return db.selectFrom('findings').selectAll().where('id', '=', findingId).executeTakeFirst();
}

/** Acknowledge an open, unacknowledged finding; undefined when it was not in that state. */
export function acknowledgeFinding(db: Kysely<Database>, findingId: number, userId: number | null): Promise<FindingRow | undefined> {
  return db
    .updateTable('findings')
    .set({ acknowledged_at: sql`now()`, acknowledged_by_user_id: userId })
    .where('id', '=', findingId)
    .where('status', '=', 'open')
    .where('acknowledged_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export function closeFinding(db: Kysely<Database>, findingId: number, input: { userId: number | null; reason: string; note: string | null }): Promise<FindingRow | undefined> {
  return db
    .updateTable('findings')
    .set({ status: 'closed', closed_reason: input.reason, closed_note: input.note, closed_at: sql`now()`, closed_by_user_id: input.userId })
    .where('id', '=', findingId)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
}

export function reopenFinding(db: Kysely<Database>, findingId: number): Promise<FindingRow | undefined> {
  return db
    .updateTable('findings')
    // Reopened is open again, not acknowledged: as when a scan reopens a resolved finding (finding-store.ts).
    .set({ status: 'open', closed_reason: null, closed_note: null, closed_at: null, closed_by_user_id: null, acknowledged_at: null, acknowledged_by_user_id: null, reopened_at: sql`now()` })
    .where('id', '=', findingId)
    .where('status', '=', 'closed')
    .returningAll()
    .executeTakeFirst();
}
