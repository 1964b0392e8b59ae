import type { ApiSchemas as Schemas } from './types';

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

export interface ItemFilters {
  q: string;
  policy_type: string | null;
  platform: string | null;
  not_seen: boolean;
  sort: 'name' | 'changed';
}

/** The progress an inventory.sync run reports in its context. */
export interface SyncProgress {
  types_done: number;
  types_total: number;
  items_read: number;
}
