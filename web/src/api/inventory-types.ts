import { allValues } from './enums';
import type { ApiSchemas as Schemas, QueryOf } from './types';

// The inventory API's shapes (SPEC §3 inventory hub, §4), generated from the server's OpenAPI document (see types.ts).

export type InventoryKpis = Schemas['InventoryKpis'];
export type SyncStatus = NonNullable<InventoryKpis['last_sync']>['status'];
export type PolicyTypeInfo = Schemas['PolicyTypeInfo'];
export type InventoryItem = Schemas['InventoryItem'];
export type InventoryItemDetail = Schemas['InventoryItemDetail'];
export type ItemPage = Schemas['ItemPage'];
export type SyncRunRow = Schemas['SyncRunRow'];
export type SyncRunPage = Schemas['SyncRunPage'];
export type Coverage = Schemas['Coverage'];
export type CoverageRow = Coverage['policy_types'][number];

type ItemQuery = QueryOf<'/api/tenants/{tenant_id}/inventory/items'>;
/** A policy type's registry name, as the items route's filter lists them. */
export type PolicyTypeName = NonNullable<ItemQuery['policy_type']>;
export type ItemPlatform = NonNullable<ItemQuery['platform']>;
export const itemPlatforms = allValues<ItemPlatform>()(['windows', 'macos', 'ios', 'android', 'linux', 'all']);
export type ItemSort = NonNullable<ItemQuery['sort']>;

export interface ItemFilters {
  q: string;
  /** As the URL has it; the server refuses (400) a name its registry does not have. */
  policy_type: string | null;
  platform: string | null;
  not_seen: boolean;
  sort: ItemSort;
}

/** The progress an inventory.sync run reports in its context. */
export type SyncProgress = NonNullable<Schemas['InventorySyncRunContext']['progress']>;
