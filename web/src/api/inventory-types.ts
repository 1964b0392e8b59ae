import type { Id } from './types';

// The inventory API's shapes (SPEC §3 inventory hub, §4). Mirrors src/http/schemas/inventory.ts.

export type SyncStatus = 'running' | 'succeeded' | 'partial' | 'failed';

export interface InventoryKpis {
  total_items: number;
  coverage_percent: number | null;
  chips: { restorable: number; partial: number; risk: number; dependencies: number };
  last_sync: { id: Id; status: SyncStatus; started_at: string; finished_at: string | null; operation_run_id: Id | null } | null;
  active_operations: { all: number; inventory_sync: number };
}

export interface PolicyTypeInfo {
  type: string;
  label: string;
  category: string;
  platform: string;
  restore: 'enabled' | 'preview-only';
  risk: 'high' | 'medium-high' | 'medium' | 'low';
  dependencies: boolean;
  graph_resource: string;
}

export interface InventoryItem {
  id: Id;
  tenant_id: Id;
  policy_type: string;
  policy_type_label: string;
  category: string | null;
  platform: string | null;
  platform_label: string;
  external_id: string;
  display_name: string;
  content_hash: string | null;
  first_seen_at: string;
  last_seen_at: string;
  last_seen_sync_run_id: Id | null;
  content_changed_at: string;
  seen_in_last_sync: boolean;
  restore: string | null;
  risk: string | null;
  dependencies: boolean | null;
}

export interface InventoryItemDetail extends InventoryItem {
  settings: Array<{ depth: number; id: string; value: string | null }>;
  assignments: Array<{ target: string; group_id: string | null; filter_id: string | null; filter_mode: string | null }>;
  payload: Record<string, unknown>;
}

export interface ItemPage {
  items: InventoryItem[];
  next_cursor: string | null;
}

export interface SyncRunRow {
  id: Id;
  operation_run_id: Id | null;
  status: SyncStatus;
  outcome: string | null;
  started_at: string;
  finished_at: string | null;
  duration_seconds: number | null;
  policy_types: string[];
  items_observed: number;
  items_upserted: number;
  errors_count: number;
  summary_counts: Record<string, number>;
  type_results: Array<{ policy_type: string; status: 'succeeded' | 'failed'; item_count: number; error_code: string | null }>;
}

export interface SyncRunPage {
  sync_runs: SyncRunRow[];
  next_cursor: string | null;
}

export interface CoverageRow extends PolicyTypeInfo {
  item_count: number;
  last_sync_status: 'succeeded' | 'failed' | null;
  last_error_code: string | null;
  last_synced_at: string | null;
}

export interface Coverage {
  policy_types: CoverageRow[];
  skipped_families: Array<{ family: string; count: number }>;
}

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
