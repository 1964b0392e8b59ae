import { sql, type Kysely } from 'kysely';
import { runTabFilter, type RunTab } from '../../domain/operations';
import type { Database } from '../schema';
import { selectRunRecords, type OperationRunRecord } from './operation-runs';
import { createdAtPage, microsecondTimestampText } from './keyset-time';

/** Keyset position: the last row's created_at (microseconds, as text) and id. */
export interface RunCursor {
  created_at: string;
  id: number;
}

export interface RunListQuery {
  tenantId: number;
  tab: RunTab;
  type?: string;
  cursor?: RunCursor;
  limit: number;
}

const createdAtText = microsecondTimestampText('r.created_at');

/**
 * One page of a tenant's runs, newest first (created_at DESC, id DESC). Each tab's filter matches the
 * predicate of one index of migration 0002, so a page costs `limit` index entries whatever the history.
 */
export async function listRuns(db: Kysely<Database>, query: RunListQuery): Promise<{ runs: OperationRunRecord[]; next: RunCursor | null }> {
  let select = selectRunRecords(db).select(createdAtText.as('cursor_created_at')).where('r.tenant_id', '=', query.tenantId);
  const filter = runTabFilter(query.tab);
  if (filter.kind === 'active') select = select.where(sql<boolean>`r.status IN ('queued', 'running')`);
  if (filter.kind === 'completed_with_outcome') select = select.where('r.status', '=', 'completed').where('r.outcome', '=', filter.outcome);
  if (query.type !== undefined) select = select.where('r.type', '=', query.type);
  if (query.cursor) {
    const { created_at, id } = query.cursor;
    select = select.where(sql<boolean>`(r.created_at, r.id) < (${created_at}::timestamptz, ${id}::bigint)`);
  }
  const rows = await select.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(query.limit + 1).execute();
  const { page, next } = createdAtPage(rows, query.limit);
  return { runs: page, next };
}
