import { z } from 'zod';
import { readableNamesFor } from '../../db/queries/directory-names';
import { inventoryHeaderFacts } from '../../db/queries/inventory-kpis';
import { findItem, listItemsPage } from '../../db/queries/inventory-listing';
import { lastSyncSkippedFamilies, listSyncRuns } from '../../db/queries/inventory-sync-run-listing';
import { listTypeStates } from '../../db/queries/inventory-type-states';
import { inventoryCounts, itemNameIds, policyTypes, type PolicyType } from '../../domain/inventory';
import { sanitizeSummaryCounts } from '../../domain/operations';
import { startInventorySync } from '../../use-cases/inventory/start-inventory-sync';
import type { RegisterRoutes } from '../app-context';
import { auditContextOf } from '../audit-context';
import { decodeItemCursor, decodeSyncRunCursor, encodeItemCursor, encodeSyncRunCursor } from '../cursors/inventory-cursors';
import { badRequest, HttpError } from '../errors';
import { operationsPortsOf } from '../operations-ports';
import { accessOf } from '../plugins/access';
import { presentItem, presentItemDetail, presentLastSync } from '../presenters/inventory';
import { errorResponses, idParam } from '../schemas/common';
import {
  coverageSchema,
  inventoryItemDetailSchema,
  inventoryKpisSchema,
  itemListQuery,
  itemListSchema,
  policyTypesSchema,
  startSyncBody,
  syncRunListQuery,
  syncRunListSchema,
} from '../schemas/inventory';
import { startedRunSchema } from '../schemas/operations';
import { startOperationReply } from '../start-operation-reply';

// The inventory hub's API (SPEC §3, §4): the shared header's numbers, items, sync runs, coverage, and
// starting a sync. Everything is read from the database; only the sync's worker calls Graph.
export const registerInventoryRoutes: RegisterRoutes = (app, ctx) => {
  const { db } = ctx;
  const tenantParams = z.object({ tenant_id: idParam });
  const view = { access: { scope: 'tenant', capability: 'view' } } as const;

  app.get('/api/policy-types', {
    config: { access: { scope: 'authenticated' } },
    schema: { tags: ['inventory'], summary: 'The policy-type registry', response: { 200: policyTypesSchema, ...errorResponses } },
    handler: async () => ({
      policy_types: policyTypes.map(policyTypeFacts),
    }),
  });

  app.get('/api/tenants/:tenant_id/inventory/kpis', {
    config: view,
    schema: {
      tags: ['inventory'],
      summary: 'The inventory hub header: items, coverage, chips, last sync, active operations',
      params: tenantParams,
      response: { 200: inventoryKpisSchema, ...errorResponses },
    },
    handler: async (request) => {
      const facts = await inventoryHeaderFacts(db, accessOf(request).scopeId);
      return {
        ...inventoryCounts(facts.itemsByType),
        last_sync: presentLastSync(facts.lastSync),
        active_operations: { all: facts.activeRuns, inventory_sync: facts.activeInventorySyncs },
      };
    },
  });

  app.get('/api/tenants/:tenant_id/inventory/items', {
    config: view,
    schema: {
      tags: ['inventory'],
      summary: 'List inventory items (keyset pages)',
      description: 'Search by name (q), filter by policy_type, platform and not_seen, sort by name or changed. Pass next_cursor as cursor with the same sort.',
      params: tenantParams,
      querystring: itemListQuery,
      response: { 200: itemListSchema, ...errorResponses },
    },
    handler: async (request) => {
      const { q, policy_type, platform, not_seen, sort, limit } = request.query;
      const cursor = request.query.cursor === undefined ? undefined : decodeItemCursor(request.query.cursor, sort);
      if (cursor === null) throw badRequest('cursor', 'cursor: not a cursor this list handed out for this sort; start again without it');
      const page = await listItemsPage(db, { tenantId: accessOf(request).scopeId, q: q || undefined, policyType: policy_type, platform, notSeen: not_seen === 'true', sort, cursor, limit });
      return { items: page.items.map(presentItem), next_cursor: page.next ? encodeItemCursor(page.next) : null };
    },
  });

  app.get('/api/tenants/:tenant_id/inventory/items/:item_id', {
    config: view,
    schema: {
      tags: ['inventory'],
      summary: 'One inventory item with its readable settings, assignments and payload',
      params: z.object({ tenant_id: idParam, item_id: z.string() }),
      response: { 200: z.object({ item: inventoryItemDetailSchema }), ...errorResponses },
    },
    handler: async (request) => {
      const itemId = /^\d{1,15}$/.test(request.params.item_id) ? Number(request.params.item_id) : null;
      const row = itemId === null ? undefined : await findItem(db, accessOf(request).scopeId, itemId);
      if (!row) throw new HttpError(404, 'not_found', 'Inventory item not found.');
      return { item: presentItemDetail(row, await readableNamesFor(db, row.tenant_id, itemNameIds(row.payload))) };
    },
  });

  app.get('/api/tenants/:tenant_id/inventory/sync-runs', {
    config: view,
    schema: {
      tags: ['inventory'],
      summary: 'The inventory sync history, newest first (keyset pages)',
      params: tenantParams,
      querystring: syncRunListQuery,
      response: { 200: syncRunListSchema, ...errorResponses },
    },
    handler: async (request) => {
      const cursor = request.query.cursor === undefined ? undefined : decodeSyncRunCursor(request.query.cursor);
      if (cursor === null) throw badRequest('cursor', 'cursor: not a cursor this list handed out; start again without it');
      const page = await listSyncRuns(db, { tenantId: accessOf(request).scopeId, cursor, limit: request.query.limit });
      return {
        sync_runs: page.syncRuns.map((row) => ({
          id: row.id,
          operation_run_id: row.operation_run_id,
          status: row.status as 'running' | 'succeeded' | 'partial' | 'failed',
          outcome: row.outcome,
          started_at: row.started_at.toISOString(),
          finished_at: row.finished_at?.toISOString() ?? null,
          duration_seconds: row.finished_at ? Math.max(0, (row.finished_at.getTime() - row.started_at.getTime()) / 1000) : null,
          policy_types: policyTypesOf(row.selection_payload),
          items_observed: row.items_observed,
          items_upserted: row.items_upserted,
          errors_count: row.errors_count,
          summary_counts: sanitizeSummaryCounts(row.summary_counts),
          type_results: typeResultsOf(row.type_results),
        })),
        next_cursor: page.next ? encodeSyncRunCursor(page.next) : null,
      };
    },
  });

  app.get('/api/tenants/:tenant_id/inventory/coverage', {
    config: view,
    schema: {
      tags: ['inventory'],
      summary: 'Coverage per policy type, and what the last sync read but no type covers',
      params: tenantParams,
      response: { 200: coverageSchema, ...errorResponses },
    },
    handler: async (request) => {
      const tenantId = accessOf(request).scopeId;
      const [facts, states, skipped] = await Promise.all([inventoryHeaderFacts(db, tenantId), listTypeStates(db, tenantId), lastSyncSkippedFamilies(db, tenantId)]);
      const counts = new Map(facts.itemsByType.map((row) => [row.policy_type, row.items]));
      const stateOf = new Map(states.map((state) => [state.policy_type, state]));
      return {
        policy_types: policyTypes.map((entry) => {
          const state = stateOf.get(entry.type);
          return {
            ...policyTypeFacts(entry),
            item_count: counts.get(entry.type) ?? 0,
            last_sync_status: state ? (state.last_status === 'failed' ? ('failed' as const) : ('succeeded' as const)) : null,
            last_error_code: state?.last_error_code ?? null,
            last_synced_at: state?.last_synced_at.toISOString() ?? null,
          };
        }),
        skipped_families: Object.entries(skipped).map(([family, count]) => ({ family, count })).sort((a, b) => b.count - a.count || a.family.localeCompare(b.family)),
      };
    },
  });

  app.post('/api/tenants/:tenant_id/inventory/sync', {
    config: { access: { scope: 'tenant', capability: 'start_operations' } },
    schema: {
      tags: ['inventory'],
      summary: 'Start an inventory sync (all policy types, or a selection)',
      description: 'Answers 202 with the run; while a sync of the same selection is queued or running, that run with reused: true. 400 naming unknown policy types; 409 unless the tenant is active.',
      params: tenantParams,
      body: startSyncBody,
      response: { 202: startedRunSchema, ...errorResponses, 503: errorResponses[409] },
    },
    handler: async (request, reply) => {
      const result = await startInventorySync(
        { db, queue: operationsPortsOf(ctx).queue },
        { tenantId: accessOf(request).scopeId, audit: auditContextOf(request), policyTypes: request.body?.policy_types },
      );
      if (!result.ok && result.code === 'inventory.unknown_policy_types') throw badRequest('policy_types', result.message);
      return startOperationReply(reply, result as Exclude<typeof result, { code: 'inventory.unknown_policy_types' }>);
    },
  });
};

/** A registry type as the API publishes it (GET /api/policy-types and the coverage rows alike). */
function policyTypeFacts({ type, label, category, platform, restore, risk, dependencies, graph_resource, required_permissions }: PolicyType) {
  return { type, label, category, platform, restore, risk, dependencies, graph_resource, required_permissions: [...required_permissions] };
}

function policyTypesOf(selection: unknown): string[] {
  const types = (selection as { policy_types?: unknown } | null)?.policy_types;
  return Array.isArray(types) ? types.filter((type): type is string => typeof type === 'string') : [];
}

function typeResultsOf(value: unknown) {
  if (!Array.isArray(value)) return [];
  return value
    .filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
    .map((entry) => ({
      policy_type: String(entry['policy_type'] ?? ''),
      status: entry['status'] === 'failed' ? ('failed' as const) : ('succeeded' as const),
      item_count: typeof entry['item_count'] === 'number' ? entry['item_count'] : 0,
      error_code: typeof entry['error_code'] === 'string' ? entry['error_code'] : null,
    }));
}
