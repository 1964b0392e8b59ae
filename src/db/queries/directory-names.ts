import { sql, type Kysely } from 'kysely';
import type { SettingVocabulary } from '../../domain/inventory/setting-definitions';
import type { Database } from '../schema';
import { settingVocabularyFor } from './setting-definitions';

// Per tenant, the names of the Entra groups and assignment filters the inventory names by id (migration 0018).
// Written at the end of each inventory sync (jobs/handlers/inventory-sync/resolve-directory-names.ts), read by the
// item view, finding evidence and run viewer. Never part of any content hash: names are for people.

export type DirectoryObjectKind = 'group' | 'assignment_filter';

export interface DirectoryName {
  object_id: string;
  display_name: string | null;
  state: 'resolved' | 'not_found';
}

export interface DirectoryNameSource {
  status: 'available' | 'unavailable';
  /** forbidden: a permission is missing; failed: Graph did not answer. */
  reason: string | null;
}

/** The group and filter ids the tenant's present inventory items assign to (the assignment targets). */
export async function referencedDirectoryIds(
  db: Kysely<Database>,
  tenantId: number,
): Promise<{ groups: string[]; filters: string[] }> {
  const result = await sql<{ group_id: string | null; filter_id: string | null }>`
    SELECT DISTINCT a.value->'target'->>'groupId' AS group_id,
           a.value->'target'->>'deviceAndAppManagementAssignmentFilterId' AS filter_id
    FROM inventory_items i
    CROSS JOIN LATERAL jsonb_array_elements(
      CASE WHEN jsonb_typeof(i.payload->'assignments') = 'array' THEN i.payload->'assignments' ELSE '[]'::jsonb END
    ) AS a(value)
    WHERE i.tenant_id = ${tenantId} AND i.missing_since_sync_run_id IS NULL
  `.execute(db);
  const groups = new Set<string>();
  const filters = new Set<string>();
  for (const row of result.rows) {
    if (row.group_id) groups.add(row.group_id);
    // Graph writes the all-zero GUID for "no filter" on some targets.
    if (row.filter_id && !/^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(row.filter_id)) filters.add(row.filter_id);
  }
  return { groups: [...groups], filters: [...filters] };
}

/** Of these ids, those without a name newer than `freshAfter` (unknown or stale), to resolve again. */
export async function staleDirectoryIds(
  db: Kysely<Database>,
  tenantId: number,
  kind: DirectoryObjectKind,
  ids: readonly string[],
  freshAfter: Date,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('directory_names')
    .select('object_id')
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', kind)
    .where('resolved_at', '>=', freshAfter)
    .where(sql<boolean>`object_id = ANY(${[...ids]}::text[])`)
    .execute();
  const fresh = new Set(rows.map((row) => row.object_id));
  return ids.filter((id) => !fresh.has(id));
}

/** Assignment filter names the tenant's own assignmentFilter inventory items already carry. */
export async function filterNamesFromInventory(
  db: Kysely<Database>,
  tenantId: number,
  ids: readonly string[],
): Promise<DirectoryName[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('inventory_items')
    .select(['external_id', 'display_name'])
    .where('tenant_id', '=', tenantId)
    .where('policy_type', '=', 'assignmentFilter')
    .where('missing_since_sync_run_id', 'is', null)
    .where(sql<boolean>`external_id = ANY(${[...ids]}::text[])`)
    .execute();
  return rows.map((row) => ({ object_id: row.external_id, display_name: row.display_name, state: 'resolved' as const }));
}

export async function saveDirectoryNames(
  db: Kysely<Database>,
  tenantId: number,
  kind: DirectoryObjectKind,
  names: readonly DirectoryName[],
): Promise<void> {
  if (names.length === 0) return;
  const unique = [...new Map(names.map((name) => [name.object_id, name])).values()];
  await db
    .insertInto('directory_names')
    .values(unique.map((name) => ({ tenant_id: tenantId, kind, object_id: name.object_id, display_name: name.display_name, state: name.state, resolved_at: sql`now()` })))
    .onConflict((conflict) =>
      conflict.columns(['tenant_id', 'kind', 'object_id']).doUpdateSet((eb) => ({
        display_name: eb.ref('excluded.display_name'),
        state: eb.ref('excluded.state'),
        resolved_at: eb.ref('excluded.resolved_at'),
      })),
    )
    .execute();
}

export async function recordDirectoryNameSource(
  db: Kysely<Database>,
  tenantId: number,
  kind: DirectoryObjectKind,
  source: DirectoryNameSource,
): Promise<void> {
  await db
    .insertInto('directory_name_sources')
    .values({ tenant_id: tenantId, kind, status: source.status, reason: source.reason, checked_at: sql`now()` })
    .onConflict((conflict) =>
      conflict.columns(['tenant_id', 'kind']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        reason: eb.ref('excluded.reason'),
        checked_at: eb.ref('excluded.checked_at'),
      })),
    )
    .execute();
}

/** What a surface knows about a tenant's directory names: by kind and id, plus whether names can be read at all. */
export interface DirectoryNameBook {
  name(kind: DirectoryObjectKind, id: string): DirectoryName | undefined;
  source(kind: DirectoryObjectKind): DirectoryNameSource | undefined;
}

/** The stored names of these ids (and the tenant's name sources), for one page of a surface. */
export async function directoryNamesFor(
  db: Kysely<Database>,
  tenantId: number,
  ids: { groups?: readonly string[]; filters?: readonly string[] },
): Promise<DirectoryNameBook> {
  const groups = [...new Set(ids.groups ?? [])];
  const filters = [...new Set(ids.filters ?? [])];
  const wanted = [...new Set([...groups, ...filters])];
  const [rows, sources] = await Promise.all([
    wanted.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('directory_names')
          .select(['kind', 'object_id', 'display_name', 'state'])
          .where('tenant_id', '=', tenantId)
          .where(sql<boolean>`object_id = ANY(${wanted}::text[])`)
          .execute(),
    // Sources only explain a missing name, so a page without ids (most finding pages) skips the read.
    wanted.length === 0
      ? Promise.resolve([])
      : db.selectFrom('directory_name_sources').select(['kind', 'status', 'reason']).where('tenant_id', '=', tenantId).execute(),
  ]);
  const names = new Map<string, DirectoryName>();
  for (const row of rows) {
    names.set(`${row.kind}\u0000${row.object_id}`, { object_id: row.object_id, display_name: row.display_name, state: row.state === 'not_found' ? 'not_found' : 'resolved' });
  }
  const sourceByKind = new Map<string, DirectoryNameSource>();
  for (const row of sources) sourceByKind.set(row.kind, { status: row.status === 'unavailable' ? 'unavailable' : 'available', reason: row.reason });
  return {
    name: (kind, id) => names.get(`${kind}\u0000${id}`),
    source: (kind) => sourceByKind.get(kind),
  };
}

/**
 * Everything a page needs to show these ids in words, in at most three reads: setting definitions (product-wide),
 * the tenant's group and filter names, and whether the tenant's names can be read at all.
 */
export async function readableNamesFor(
  db: Kysely<Database>,
  tenantId: number,
  ids: { definitions: readonly string[]; groups: readonly string[]; filters: readonly string[] },
): Promise<{ settings: SettingVocabulary; directory: DirectoryNameBook }> {
  const [settings, directory] = await Promise.all([
    settingVocabularyFor(db, ids.definitions),
    directoryNamesFor(db, tenantId, { groups: ids.groups, filters: ids.filters }),
  ]);
  return { settings, directory };
}
