import {
  findPolicyType,
  inventoryReadPlan,
  itemDisplayName,
  itemPlatform,
  resolveSyncSelection,
  syncOutcome,
  type CollectionRead,
  type TypeResult,
} from '../../../domain/inventory';
import { applyStagedType, discardStaged, markUnseen, stageItems, storedHashes, type StagedItem } from '../../../db/queries/inventory-item-store';
import { closeAbandonedSyncRuns, createSyncRun, finishSyncRun, recordSyncProgress } from '../../../db/queries/inventory-sync-runs';
import { findTypeState, recordTypeResult } from '../../../db/queries/inventory-type-states';
import { isGraphError, readOrganization } from '../../../graph';
import { OperationFailure, type RunHandler, type RunHandlerContext } from '../../run-handler';
import { tenantGraphClient } from '../tenant-graph-client';
import { contentHash } from './content-hash';
import { readCollection, type ReadPage } from './read-collection';
import { SyncTally } from './sync-tally';

/**
 * inventory.sync (SPEC §1, §7; docs/ARCHITECTURE.md "The inventory sync"): reads the selected policy types
 * from Graph into the tenant's inventory.
 * 1. Credentials are proven first (one token and one small read): bad credentials fail the run with
 *    auth.failed before any type is read.
 * 2. Each Graph collection is read once, page by page; what differs from the stored items is staged.
 * 3. When a collection's read finished, its types' staged rows are applied and the type's present items
 *    that were not returned are marked missing. A collection whose read fails fails its types: their stored
 *    items stay exactly as they were (nothing applied, nothing marked).
 */
export const inventorySync: RunHandler = async (context) => {
  const { run, db, signal } = context;
  const selection = resolveSyncSelection(selectionOf(run.context));
  if (!selection.ok) throw new OperationFailure('inventory.unknown_policy_types', `Unknown policy types: ${selection.unknown.join(', ')}.`);
  const { tenantId, client } = await tenantGraphClient(context);

  try {
    await readOrganization(client, signal);
  } catch (error) {
    if (signal.aborted || !isGraphError(error)) throw error;
    throw new OperationFailure(error.code, `Microsoft Graph refused the tenant's credentials before any policy was read: ${error.message}`);
  }

  await closeAbandonedSyncRuns(db, tenantId);
  const syncRunId = await createSyncRun(db, {
    tenant_id: tenantId,
    operation_run_id: run.id,
    selection_hash: run.selection_hash ?? '',
    selection_payload: { policy_types: selection.policy_types },
  });
  const tally = new SyncTally(context, syncRunId, selection.policy_types.length);
  let finished = false;
  try {
    await tally.report();
    for (const read of inventoryReadPlan(selection.policy_types)) {
      const results = await syncCollection(context, { tenantId, syncRunId, read, tally, client });
      tally.typesDone(results);
      await recordSyncProgress(db, syncRunId, tally.syncRowCounts());
    }
    const status = syncOutcome(tally.results);
    await finishSyncRun(db, syncRunId, { status, ...tally.syncRowCounts() });
    finished = true;
    await tally.report();
    return { outcome: status };
  } finally {
    // Cancelled, reconciled or crashed part-way: the sync row must not claim to be running forever.
    if (!finished) await finishSyncRun(db, syncRunId, { status: 'failed', ...tally.syncRowCounts() }).catch(() => undefined);
  }
};

function selectionOf(context: unknown): string[] | undefined {
  const selection = (context as { selection?: { policy_types?: unknown } } | null)?.selection;
  const types = selection?.policy_types;
  return Array.isArray(types) ? types.filter((type): type is string => typeof type === 'string') : undefined;
}

interface CollectionSync {
  tenantId: number;
  syncRunId: number;
  read: CollectionRead;
  tally: SyncTally;
  client: Awaited<ReturnType<typeof tenantGraphClient>>['client'];
}

async function syncCollection(context: RunHandlerContext, input: CollectionSync): Promise<TypeResult[]> {
  const { db, signal } = context;
  const { tenantId, syncRunId, read, tally, client } = input;
  const seen = new Map<string, Set<string>>(read.policy_types.map((type) => [type, new Set<string>()]));
  const unchanged = new Map<string, number>();
  try {
    for await (const page of readCollection(client, read, signal)) {
      const pageUnchanged = await stagePage(context, { tenantId, syncRunId, page, tally, read });
      for (const [type, count] of pageUnchanged) unchanged.set(type, (unchanged.get(type) ?? 0) + count);
      for (const entity of page.entities) seen.get(entity.policy_type)?.add(entity.external_id);
      await tally.report();
    }
  } catch (error) {
    if (signal.aborted || !isGraphError(error)) throw error;
    await discardStaged(db, syncRunId, read.policy_types);
    const results = read.policy_types.map((type) => ({ policy_type: type, status: 'failed' as const, item_count: seen.get(type)?.size ?? 0, error_code: error.code, error_message: error.message }));
    for (const result of results) {
      context.fail(error.code, `${findPolicyType(result.policy_type)?.label ?? result.policy_type} was not read, its stored items are unchanged: ${error.message}`);
      await recordTypeResult(db, { tenant_id: tenantId, policy_type: result.policy_type, sync_run_id: syncRunId, status: 'failed', error_code: error.code });
    }
    return results.map((result) => ({ ...result, item_count: 0 }));
  }

  const results: TypeResult[] = [];
  for (const type of read.policy_types) {
    const previous = await findTypeState(db, tenantId, type);
    const applied = await applyStagedType(db, { tenantId, syncRunId, policyType: type });
    const seenIds = seen.get(type) ?? new Set<string>();
    const removed = await markUnseen(db, {
      tenantId,
      policyType: type,
      syncRunId,
      seenExternalIds: [...seenIds],
      previouslySeenBy: { sync_run_id: previous?.last_succeeded_sync_run_id ?? null, at: previous?.last_succeeded_at ?? null },
    });
    await recordTypeResult(db, { tenant_id: tenantId, policy_type: type, sync_run_id: syncRunId, status: 'succeeded', error_code: null });
    tally.applied({ ...applied, unchanged: unchanged.get(type) ?? 0, removed });
    results.push({ policy_type: type, status: 'succeeded', item_count: seenIds.size, error_code: null });
  }
  return results;
}

async function stagePage(
  context: RunHandlerContext,
  input: { tenantId: number; syncRunId: number; page: ReadPage; tally: SyncTally; read: CollectionRead },
): Promise<Map<string, number>> {
  const { tenantId, syncRunId, page, tally, read } = input;
  const stored = await storedHashes(
    context.db,
    tenantId,
    read.policy_types,
    page.entities.map((entity) => entity.external_id),
  );
  const changed: StagedItem[] = [];
  const unchanged = new Map<string, number>();
  for (const entity of page.entities) {
    const hash = contentHash(entity.payload);
    const existing = stored.get(entity.policy_type, entity.external_id);
    if (existing && !existing.missing && existing.content_hash === hash) {
      unchanged.set(entity.policy_type, (unchanged.get(entity.policy_type) ?? 0) + 1);
      continue;
    }
    changed.push({
      policy_type: entity.policy_type,
      external_id: entity.external_id,
      display_name: itemDisplayName(entity.payload, entity.external_id),
      category: findPolicyType(entity.policy_type)?.category ?? '',
      platform: itemPlatform(entity.policy_type, entity.payload),
      content_hash: hash,
      payload: entity.payload,
    });
  }
  await stageItems(context.db, syncRunId, changed);
  tally.read(page.entities.length, page.skipped);
  return unchanged;
}
