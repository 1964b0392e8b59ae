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
import { isGraphError } from '../../../graph';
import { OperationFailure, type RunHandler, type RunHandlerContext } from '../../run-handler';
import { tenantGraphClient } from '../tenant-graph-client';
import { contentHash } from './content-hash';
import { readCollection, type FailedEntity, type ReadPage } from './read-collection';
import { rememberSettingDefinitions } from '../../../db/queries/setting-definitions';
import { resolveDirectoryNames } from './resolve-directory-names';
import { SyncTally } from './sync-tally';

/**
 * inventory.sync (SPEC §1, §7; docs/ARCHITECTURE.md "The inventory sync"): reads the selected policy types
 * from Graph into the tenant's inventory.
 * 1. No read is gated on /organization (it needs Organization.Read.All, which an Intune-only app registration
 *    lacks): the first collection read proves the credentials, and bad credentials (auth.failed) fail the whole
 *    run before anything is applied.
 * 2. Each Graph collection is read once, page by page, each policy completed with its per-item reads; what
 *    differs from the stored items is staged.
 * 3. When a collection's read finished, its types' staged rows are applied and the type's present items
 *    that were not returned are marked missing. A collection whose list fails fails its types: their stored
 *    items stay exactly as they were (nothing applied, nothing marked). A policy whose own reads fail (its
 *    settings, its body) is a failure of that policy: its stored state is kept, it is not marked missing, and
 *    its type ends partial.
 */
export const inventorySync: RunHandler = async (context) => {
  const { run, db } = context;
  const selection = resolveSyncSelection(selectionOf(run.context));
  if (!selection.ok) throw new OperationFailure('inventory.unknown_policy_types', `Unknown policy types: ${selection.unknown.join(', ')}.`);
  const tenantId = run.tenant_id;
  if (tenantId === null) throw new OperationFailure('provider.not_configured', 'An inventory sync belongs to a tenant; this run has none.');

  // The sync row first (SPEC §1: one per inventory.sync run), so a sync that fails before it reads anything —
  // no connection, an unreadable secret — is the tenant's last sync, failed, and not yesterday's success.
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
    const { client } = await tenantGraphClient(context);
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
    // Names of the groups and filters assignments point at, for people; never a reason for the sync to fail.
    await resolveDirectoryNames(context, { tenantId, client });
    return { outcome: status };
  } finally {
    // Cancelled, reconciled or crashed part-way: the sync row must not claim to be running forever.
    if (!finished) await finishSyncRun(db, syncRunId, { status: 'failed', ...tally.syncRowCounts() }).catch(() => undefined);
  }
};

// Every policy of the type failed its own reads: nothing of the type was read, so it is not compared (a gap).
function typeStatus(listed: number, failed: number): TypeResult['status'] {
  if (failed === 0) return 'succeeded';
  return failed === listed ? 'failed' : 'partial';
}

/** How many failed policies a type result lists by name in the run's context; the count covers the rest. */
const MAX_FAILED_ITEMS_LISTED = 50;

function failedItemResult(failed: FailedEntity) {
  return { external_id: failed.external_id, display_name: failed.display_name, error_code: failed.error.code, error_message: failed.error.message };
}

// A 403 on a type's list is almost always a missing application permission: name the one the registry says it needs.
function permissionHint(policyType: string, code: string): string {
  if (code !== 'graph.forbidden') return '';
  const permissions = findPolicyType(policyType)?.required_permissions ?? [];
  return permissions.length > 0 ? ` (needs ${permissions.join(' or ')})` : '';
}

function policyFailureMessage(failed: FailedEntity): string {
  const label = findPolicyType(failed.policy_type)?.label ?? failed.policy_type;
  return `${label} '${failed.display_name}' not read in full; stored state kept. ${failed.error.message}`;
}

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
  const failedItems = new Map<string, FailedEntity[]>(read.policy_types.map((type) => [type, []]));
  const unchanged = new Map<string, number>();
  try {
    for await (const page of readCollection(client, read, signal)) {
      const pageUnchanged = await stagePage(context, { tenantId, syncRunId, page, tally, read });
      for (const [type, count] of pageUnchanged) unchanged.set(type, (unchanged.get(type) ?? 0) + count);
      for (const entity of page.entities) seen.get(entity.policy_type)?.add(entity.external_id);
      // A policy whose own reads failed was listed, so it still exists: it keeps its stored state and is not missing.
      for (const failed of page.failed) {
        seen.get(failed.policy_type)?.add(failed.external_id);
        failedItems.get(failed.policy_type)?.push(failed);
        context.fail(failed.error.code, policyFailureMessage(failed));
      }
      if (page.settingDefinitions.length > 0) await rememberSettingDefinitions(db, page.settingDefinitions);
      await tally.report();
    }
  } catch (error) {
    if (signal.aborted || !isGraphError(error)) throw error;
    // Credentials Graph refuses are the run's failure, not a type's: nothing has been applied yet for this type.
    if (error.code === 'auth.failed') {
      await discardStaged(db, syncRunId, read.policy_types);
      throw new OperationFailure(error.code, `Microsoft Graph refused the tenant's credentials: ${error.message}`);
    }
    await discardStaged(db, syncRunId, read.policy_types);
    const results = read.policy_types.map((type) => ({ policy_type: type, status: 'failed' as const, item_count: seen.get(type)?.size ?? 0, error_code: error.code, error_message: error.message }));
    for (const result of results) {
      // The permission first: failure messages are capped, and Graph's message with its request ids is long.
      context.fail(error.code, `${findPolicyType(result.policy_type)?.label ?? result.policy_type} not read${permissionHint(result.policy_type, error.code)}; stored items kept. ${error.message}`);
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
    const failed = failedItems.get(type) ?? [];
    const status = typeStatus(seenIds.size, failed.length);
    const errorCode = failed[0]?.error.code ?? null;
    await recordTypeResult(db, { tenant_id: tenantId, policy_type: type, sync_run_id: syncRunId, status, error_code: errorCode });
    tally.applied({ ...applied, unchanged: unchanged.get(type) ?? 0, removed });
    results.push({
      policy_type: type,
      status,
      item_count: seenIds.size,
      error_code: errorCode,
      ...(failed.length > 0 ? { failed_items: failed.slice(0, MAX_FAILED_ITEMS_LISTED).map(failedItemResult), failed_item_count: failed.length } : {}),
    });
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
    const hash = contentHash(entity.payload, entity.policy_type);
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
