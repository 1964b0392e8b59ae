import type { InventoryItemSummary } from '../../db/queries/inventory-listing';
import type { LastSyncRow } from '../../db/queries/inventory-kpis';
import {
  emptyDirectoryVocabulary,
  emptySettingVocabulary,
  findPolicyType,
  itemPlatformLabels,
  namedAssignments,
  namedSettings,
  type DirectoryVocabulary,
  type ItemPlatform,
  type SettingVocabulary,
} from '../../domain/inventory';

// Inventory rows → API JSON (SPEC §4). "Seen by the last sync" is derived here from the type's last
// successful sync: unchanged items are not rewritten by a sync, so only missing items carry their own
// last-seen values (migration 0008).

export function presentItem(row: InventoryItemSummary) {
  const entry = findPolicyType(row.policy_type);
  const missing = row.missing_since_sync_run_id !== null;
  const seenByLastSync = !missing && row.last_succeeded_sync_run_id !== null && row.last_succeeded_at !== null;
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    policy_type: row.policy_type,
    policy_type_label: entry?.label ?? `Unknown type (${row.policy_type})`,
    category: row.category,
    platform: row.platform,
    platform_label: itemPlatformLabels[row.platform as ItemPlatform] ?? row.platform ?? 'Unknown',
    external_id: row.external_id,
    display_name: row.display_name ?? row.external_id,
    content_hash: row.content_hash,
    first_seen_at: row.first_seen_at.toISOString(),
    last_seen_at: (seenByLastSync && row.last_succeeded_at ? laterOf(row.last_succeeded_at, row.last_seen_at) : row.last_seen_at).toISOString(),
    last_seen_sync_run_id: seenByLastSync ? row.last_succeeded_sync_run_id : row.last_seen_sync_run_id,
    content_changed_at: row.content_changed_at.toISOString(),
    seen_in_last_sync: !missing,
    restore: entry?.restore ?? null,
    risk: entry?.risk ?? null,
    dependencies: entry?.dependencies ?? null,
  };
}

/**
 * One item with its settings and assignments in Intune's words (names from the setting definitions and the
 * tenant's directory names, looked up by the route with `itemNameIds`); ids stay alongside for copying.
 */
export function presentItemDetail(
  row: InventoryItemSummary & { payload: unknown },
  names: { settings: SettingVocabulary; directory: DirectoryVocabulary } = { settings: emptySettingVocabulary, directory: emptyDirectoryVocabulary },
) {
  const payload = isRecord(row.payload) ? row.payload : {};
  return { ...presentItem(row), settings: namedSettings(payload, names.settings), assignments: namedAssignments(payload, names.directory), payload };
}

export function presentLastSync(row: LastSyncRow | null) {
  if (!row) return null;
  return {
    id: row.id,
    status: row.status as 'running' | 'succeeded' | 'partial' | 'failed',
    started_at: row.started_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
    operation_run_id: row.operation_run_id,
  };
}

function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
