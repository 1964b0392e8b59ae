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

export async function listTenantsPage(db: Kysely<Database>, query: TenantListQuery): Promise<{ tenants: TenantRow[]; next: TenantCursor | null }> {
  const rows = await tenantPageQuery(db, query).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { tenants: page, next: rows.length > query.limit && last ? { name: last.name, id: last.id } : null };
}

/** The status_counts query; the benchmark explains it. */
export function tenantCountsQuery(db: Kysely<Database>, query: Pick<TenantListQuery, 'workspaceId' | 'q'>) {
  return matching(db.selectFrom('tenants'), query)
    .select([filterValueOfStatus.as('value'), sql<number>`count(*)::int`.as('count')])
    .groupBy(filterValueOfStatus);
}

export async function countTenantsByLifecycle(db: Kysely<Database>, query: Pick<TenantListQuery, 'workspaceId' | 'q'>): Promise<Record<LifecycleFilterValue, number>> {
  const rows = await tenantCountsQuery(db, query).execute();
  const counts = Object.fromEntries(lifecycleFilterValues.map((value) => [value, 0])) as Record<LifecycleFilterValue, number>;
  for (const row of rows) counts[row.value as LifecycleFilterValue] = Number(row.count);
  return counts;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
