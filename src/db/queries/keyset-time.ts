import { sql, type RawBuilder } from 'kysely';

/**
 * A timestamp column as keyset cursors carry it: UTC with all six fractional digits. A cursor rounded to
 * milliseconds (Date.toISOString) would skip rows created within the same millisecond as the last row of a
 * page — and rows written by one transaction (a scan's findings) share one now().
 */
export function microsecondTimestampText(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
