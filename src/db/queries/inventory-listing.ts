import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, InventoryItemsTable } from '../schema';
import { microsecondTimestampText } from './keyset-time';

// One page of a tenant's inventory items (SPEC §4), by name (name_key, id) or by last change
// (content_changed_at DESC, id DESC); each order and filter has an index of migration 0008, so a page costs
// about `limit` index entries. The list leaves the payload out; one item is read with it.

export type InventoryItemRow = Selectable<InventoryItemsTable>;
export type InventoryItemSummary = Omit<InventoryItemRow, 'payload'> & { last_succeeded_sync_run_id: number | null; last_succeeded_at: Date | null };

export type ItemSort = 'name' | 'changed';

export type ItemCursor = { sort: 'name'; name_key: string; id: number } | { sort: 'changed'; changed_at: string; id: number };

export interface ItemListQuery {
  tenantId: number;
  q?: string;
  policyType?: string;
  platform?: string;
  notSeen?: boolean;
  sort: ItemSort;
  cursor?: ItemCursor;
  limit: number;
}

const changedAtText = microsecondTimestampText('i.content_changed_at');

function itemSelect(db: Kysely<Database>) {
  return db
    .selectFrom('inventory_items as i')
    .leftJoin('inventory_type_states as st', (join) => join.onRef('st.tenant_id', '=', 'i.tenant_id').onRef('st.policy_type', '=', 'i.policy_type'))
    .select([
      'i.id', 'i.tenant_id', 'i.policy_type', 'i.external_id', 'i.display_name', 'i.category', 'i.platform', 'i.content_hash',
      'i.last_seen_at', 'i.last_seen_sync_run_id', 'i.first_seen_at', 'i.content_changed_at', 'i.missing_since_sync_run_id', 'i.name_key',
      'st.last_succeeded_sync_run_id', 'st.last_succeeded_at',
    ]);
}

export async function listItemsPage(db: Kysely<Database>, query: ItemListQuery): Promise<{ items: InventoryItemSummary[]; next: ItemCursor | null }> {
  let select = itemSelect(db).select(changedAtText.as('cursor_changed_at')).where('i.tenant_id', '=', query.tenantId);
  if (query.q) select = select.where('i.name_key', 'like', `%${escapeLike(query.q.toLowerCase())}%`);
  if (query.policyType) select = select.where('i.policy_type', '=', query.policyType);
  if (query.platform) select = select.where('i.platform', '=', query.platform);
  if (query.notSeen) select = select.where('i.missing_since_sync_run_id', 'is not', null);
  const cursor = query.cursor;
  if (query.sort === 'name') {
    if (cursor?.sort === 'name') select = select.where(sql<boolean>`(i.name_key, i.id) > (${cursor.name_key}, ${cursor.id}::bigint)`);
    select = select.orderBy('i.name_key').orderBy('i.id');
  } else {
    if (cursor?.sort === 'changed') select = select.where(sql<boolean>`(i.content_changed_at, i.id) < (${cursor.changed_at}::timestamptz, ${cursor.id}::bigint)`);
    select = select.orderBy('i.content_changed_at', 'desc').orderBy('i.id', 'desc');
  }
  const rows = await select.limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const next: ItemCursor | null =
    rows.length > query.limit && last
      ? query.sort === 'name'
        ? { sort: 'name', name_key: last.name_key, id: last.id }
        : { sort: 'changed', changed_at: last.cursor_changed_at, id: last.id }
      : null;
  return { items: page.map(({ cursor_changed_at: _ignored, ...item }) => item), next };
}

export function findItem(db: Kysely<Database>, tenantId: number, itemId: number) {
  return itemSelect(db).select('i.payload').where('i.tenant_id', '=', tenantId).where('i.id', '=', itemId).executeTakeFirst();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
