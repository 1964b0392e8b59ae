import { z } from 'zod';
import { itemPlatforms, policyTypes } from '../../domain/inventory';
import { inputText, isoTime } from './common';

// The inventory API (SPEC §3 inventory hub, §4). Pure Zod: validation, types and OpenAPI at once.

const policyTypeNames = policyTypes.map((entry) => entry.type) as [string, ...string[]];

export const policyTypeSchema = z.object({
  type: z.string(),
  label: z.string(),
  category: z.string(),
  platform: z.string(),
  restore: z.enum(['enabled', 'preview-only']),
  risk: z.enum(['high', 'medium-high', 'medium', 'low']),
  dependencies: z.boolean().describe('The type has assignments, scope tags or filters to resolve'),
  graph_resource: z.string(),
  required_permissions: z
    .array(z.string())
    .describe('Microsoft Graph application permissions that allow reading this type, least privileged first; any one of them is enough (docs/PERMISSIONS.md)'),
}).meta({ id: 'PolicyTypeInfo' });

export const policyTypesSchema = z.object({ policy_types: z.array(policyTypeSchema) });

export const inventoryKpisSchema = z.object({
  total_items: z.number().int(),
  coverage_percent: z.number().nullable().describe('restorable / total × 100, one decimal; null at zero items'),
  chips: z.object({ restorable: z.number().int(), partial: z.number().int(), risk: z.number().int(), dependencies: z.number().int() }),
  last_sync: z
    .object({
      id: z.number(),
      status: z.enum(['running', 'succeeded', 'partial', 'failed']),
      started_at: isoTime,
      finished_at: isoTime.nullable(),
      operation_run_id: z.number().nullable(),
    })
    .nullable(),
  active_operations: z.object({ all: z.number().int(), inventory_sync: z.number().int() }),
}).meta({ id: 'InventoryKpis' });

const itemFields = {
  id: z.number(),
  tenant_id: z.number(),
  policy_type: z.string(),
  policy_type_label: z.string(),
  category: z.string().nullable(),
  platform: z.string().nullable(),
  platform_label: z.string(),
  external_id: z.string(),
  display_name: z.string(),
  content_hash: z.string().nullable(),
  first_seen_at: isoTime,
  last_seen_at: isoTime.describe('When a sync last saw the item: for an item the last sync returned, that sync'),
  last_seen_sync_run_id: z.number().nullable().describe('The inventory sync that last saw the item; behind the latest when it is not seen'),
  content_changed_at: isoTime,
  seen_in_last_sync: z.boolean().describe('false when the last successful sync of its type did not return it (deleted in Graph)'),
  restore: z.string().nullable(),
  risk: z.string().nullable(),
  dependencies: z.boolean().nullable(),
};

export const inventoryItemSchema = z.object(itemFields).meta({ id: 'InventoryItem' });

export const inventoryItemDetailSchema = z.object({
  ...itemFields,
  settings: z.array(
    z.object({
      depth: z.number().int(),
      id: z.string().describe('The setting identity: a settings-catalog definition id, a definition name, or a property path'),
      name: z.string().nullable().describe("The setting's display name from its Intune setting definition; null when unknown"),
      description: z.string().nullable(),
      name_note: z.string().nullable().describe('Why the name is missing, in plain words'),
      value: z.string().nullable().describe("The value in words: a choice's option label when its definition is known"),
    }),
  ),
  assignments: z.array(
    z.object({
      target: z.string(),
      group_id: z.string().nullable(),
      group_name: z.string().nullable().describe("The group's display name (read per tenant at the end of a sync)"),
      group_note: z.string().nullable().describe('Why the group name is missing, e.g. "name unavailable: grant Group.Read.All"'),
      filter_id: z.string().nullable(),
      filter_name: z.string().nullable(),
      filter_note: z.string().nullable(),
      filter_mode: z.string().nullable(),
    }),
  ),
  payload: z.record(z.string(), z.unknown()).describe('The policy as read from Graph, children included'),
}).meta({ id: 'InventoryItemDetail' });

/** Names are Graph's text: a cursor holding a long name of escaped characters must still be accepted back. */
export const itemCursorMaxLength = 8000;

export const itemListQuery = z.object({
  q: inputText().trim().max(200).optional().describe('Case-insensitive substring of the name'),
  policy_type: z.enum(policyTypeNames).optional(),
  platform: z.enum(itemPlatforms).optional(),
  not_seen: z.enum(['true', 'false']).optional().describe('true: only items the last sync of their type did not return'),
  sort: z.enum(['name', 'changed']).default('name').describe('name (A→Z) or changed (last content change, newest first)'),
  cursor: inputText().max(itemCursorMaxLength).optional().describe('next_cursor of the previous page (same sort)'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const itemListSchema = z.object({ items: z.array(inventoryItemSchema), next_cursor: z.string().nullable() }).meta({ id: 'ItemPage' });

const typeResultSchema = z.object({
  policy_type: z.string(),
  status: z.enum(['succeeded', 'failed']),
  item_count: z.number().int(),
  error_code: z.string().nullable(),
});

export const syncRunSchema = z.object({
  id: z.number(),
  operation_run_id: z.number().nullable(),
  status: z.enum(['running', 'succeeded', 'partial', 'failed']),
  outcome: z.string().nullable().describe('The operation run outcome'),
  started_at: isoTime,
  finished_at: isoTime.nullable(),
  duration_seconds: z.number().nullable(),
  policy_types: z.array(z.string()).describe('The selection this sync read'),
  items_observed: z.number().int(),
  items_upserted: z.number().int(),
  errors_count: z.number().int(),
  summary_counts: z.record(z.string(), z.number()),
  type_results: z.array(typeResultSchema),
}).meta({ id: 'SyncRunRow' });

export const syncRunListQuery = z.object({
  cursor: inputText().max(1000).optional().describe('next_cursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const syncRunListSchema = z.object({ sync_runs: z.array(syncRunSchema), next_cursor: z.string().nullable() }).meta({ id: 'SyncRunPage' });

export const coverageSchema = z.object({
  policy_types: z.array(
    policyTypeSchema.extend({
      item_count: z.number().int(),
      last_sync_status: z.enum(['succeeded', 'failed']).nullable().describe('The type\'s result in the latest sync that read it; null when never synced'),
      last_error_code: z.string().nullable(),
      last_synced_at: isoTime.nullable(),
    }),
  ),
  skipped_families: z.array(z.object({ family: z.string(), count: z.number().int() })).describe('Entities the last sync read that no policy type covers yet'),
}).meta({ id: 'Coverage' });

export const startSyncBody = z
  .object({
    policy_types: z.array(inputText().max(100)).max(100).optional().describe('Registry types to read; all when omitted or empty'),
  })
  .default({});
