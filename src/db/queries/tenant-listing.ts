import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { INVALID_LIFECYCLE_FILTER, lifecycleFilterValues, lifecycleStates, type LifecycleFilterValue } from '../../domain/lifecycle';
import type { Database, TenantRow } from '../schema';

// One page of a workspace's tenants, ordered by name then id (index tenants_workspace_name_idx, migration
// 0006), with a search over name, domain and Entra tenant id and the lifecycle filter; and the counts per
// lifecycle filter value for the filter chips, over the same search.

export interface TenantCursor {
  name: string;
  id: number;
}

export interface TenantListQuery {
  workspaceId: number;
  /** Matched case-insensitively as a substring; % and _ match themselves. */
  q?: string;
  status?: LifecycleFilterValue;
  cursor?: TenantCursor;
  limit: number;
}

type TenantSelect = SelectQueryBuilder<Database, 'tenants', object>;

function matching(select: TenantSelect, query: Pick<TenantListQuery, 'workspaceId' | 'q'>): TenantSelect {
  let filtered = select.where('workspace_id', '=', query.workspaceId);
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    filtered = filtered.where((eb) =>
      eb.or([
        eb('name', 'ilike', pattern),
        eb('domain', 'ilike', pattern),
        eb('entra_tenant_id', 'ilike', pattern),
      ]),
    );
  }
  return filtered;
}

// The canonical values, as SQL: a stored status outside them (or null) is the invalid fallback.
const canonical = sql.join(lifecycleStates.map((state) => sql.lit(state)));
const filterValueOfStatus = sql<string>`CASE WHEN status IN (${canonical}) THEN status ELSE ${sql.lit(INVALID_LIFECYCLE_FILTER)} END`;

/** The page query itself (one row more than the page, to know whether another follows); the benchmark explains it. */
export function tenantPageQuery(db: Kysely<Database>, query: TenantListQuery) {
  let select = matching(db.selectFrom('tenants'), query);
  if (query.status === INVALID_LIFECYCLE_FILTER) {
    select = select.where((eb) => eb.or([eb('status', 'is', null), eb('status', 'not in', [...lifecycleStates])]));
  } else if (query.status) {
    select = select.where('status', '=', query.status);
  }
  if (query.cursor) {
    const { name, id } = query.cursor;
    select = select.where(sql<boolean>`(name, id) > (${name}, ${id}::bigint)`);
  }
  return select.selectAll().orderBy('name').orderBy('id').limit(query.limit + 1);
}

/** The status_counts query; the benchmark explains it. */
export function tenantCountsQuery(db: Kysely<Database>, query: Pick<TenantListQuery, 'workspaceId' | 'q'>) {
  return matching(db.selectFrom('tenants'), query)
    .select([filterValueOfStatus.as('value'), sql<number>`count(*)::int`.as('count')])
    .groupBy(filterValueOfStatus);
}

/**
 * The page and the counts in one statement (issue 20, throughput): one round trip and one pooled connection per
 * request instead of two. The page is left-joined to the single row of counts, so an empty page still answers the
 * counts (one row whose tenant columns are all null).
 */
export async function listTenantsWithCounts(
  db: Kysely<Database>,
  query: TenantListQuery,
): Promise<{ tenants: TenantRow[]; next: TenantCursor | null; statusCounts: Record<LifecycleFilterValue, number> }> {
  const { rows } = await sql<TenantRow & { status_counts: Record<string, number> | null }>`
    WITH counts AS (${tenantCountsQuery(db, query)}), page AS (${tenantPageQuery(db, query)})
    SELECT page.*, (SELECT json_object_agg(counts.value, counts.count) FROM counts) AS status_counts
    FROM (SELECT 1) AS one LEFT JOIN page ON true
    ORDER BY page.name, page.id`.execute(db);
  const statusCounts = Object.fromEntries(lifecycleFilterValues.map((value) => [value, 0])) as Record<LifecycleFilterValue, number>;
  for (const [value, count] of Object.entries(rows[0]?.status_counts ?? {})) statusCounts[value as LifecycleFilterValue] = Number(count);
  const found = rows
    .filter((row) => row.id !== null)
    .map(({ status_counts: _counts, ...tenant }) => tenant as TenantRow);
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  return { tenants: page, next: found.length > query.limit && last ? { name: last.name, id: last.id } : null, statusCounts };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
