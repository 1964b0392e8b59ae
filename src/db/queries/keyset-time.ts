import { sql, type RawBuilder } from 'kysely';

/**
 * A timestamp column as keyset cursors carry it: UTC with all six fractional digits. A cursor rounded to
 * milliseconds (Date.toISOString) would skip rows created within the same millisecond as the last row of a
 * page — and rows written by one transaction (a scan's findings) share one now().
 */
export function microsecondTimestampText(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * The page of a (created_at DESC, id DESC) list fetched with `limit + 1` rows: the first `limit`, and the cursor of
 * the last one when the extra row shows there is more. Rows carry `cursor_created_at` (microsecondTimestampText).
 */
export function createdAtPage<Row extends { id: number; cursor_created_at: string }>(rows: Row[], limit: number) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? { created_at: last.cursor_created_at, id: last.id } : null;
  return { page: page.map(({ cursor_created_at: _omit, ...row }) => row), next };
}
