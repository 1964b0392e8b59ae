// The names of the groups and assignment filters a tenant's policies are assigned to (issue 19, point 4), read
// at the end of every inventory sync and kept per tenant, so the item view and finding evidence say
// "Pilot devices" instead of a GUID. Best effort by design: names are for people, so nothing here may fail or
// slow down the sync's own result. A missing permission (403) is recorded as "names unavailable" with its reason
// and logged; the pages then show ids with a plain note.
//
// Graph behaviours relied on:
// - GET /v1.0/groups/{id}?$select=id,displayName returns the group; 404 (Request_ResourceNotFound) when it was
//   deleted; application permission GroupMember.Read.All or Group.Read.All (403 Authorization_RequestDenied
//   without). https://learn.microsoft.com/graph/api/group-get?view=graph-rest-1.0
// - GET /beta/deviceManagement/assignmentFilters/{id} returns a deviceAndAppManagementAssignmentFilter with its
//   displayName (DeviceManagementConfiguration.Read.All).
//   https://learn.microsoft.com/graph/api/intune-policyset-deviceandappmanagementassignmentfilter-get?view=graph-rest-beta
// Refresh is periodic (a name older than `directoryNameRefreshMs` is read again at the next sync), not
// `groups/delta`: delta's first round lists every group of the tenant, most of which no policy names.
import { isGraphError, type GraphClient } from '../../../graph';
import {
  filterNamesFromInventory,
  recordDirectoryNameSource,
  referencedDirectoryIds,
  saveDirectoryNames,
  staleDirectoryIds,
  type DirectoryName,
  type DirectoryObjectKind,
} from '../../../db/queries/directory-names';
import type { RunHandlerContext } from '../../run-handler';

/** A resolved name is read again after this long (group renames are rare and harmless while stale). */
export const directoryNameRefreshMs = 24 * 60 * 60 * 1000;
/** Concurrent name lookups; the Graph client's per-tenant limit applies on top. */
const lookupConcurrency = 4;
/** Lookups per kind and sync; the rest wait for the next sync (a first sync of a huge tenant stays bounded). */
export const maxLookupsPerSync = 2_000;

export interface ResolveDirectoryNamesInput {
  tenantId: number;
  client: GraphClient;
}

export async function resolveDirectoryNames(context: RunHandlerContext, input: ResolveDirectoryNamesInput): Promise<void> {
  const { db, log } = context;
  const startedAt = Date.now();
  try {
    const referenced = await referencedDirectoryIds(db, input.tenantId);
    const freshAfter = new Date(startedAt - directoryNameRefreshMs);

    // Filters first from the tenant's own assignmentFilter items (already read by this or an earlier sync).
    const staleFilters = await staleDirectoryIds(db, input.tenantId, 'assignment_filter', referenced.filters, freshAfter);
    const fromInventory = await filterNamesFromInventory(db, input.tenantId, staleFilters);
    await saveDirectoryNames(db, input.tenantId, 'assignment_filter', fromInventory);
    const known = new Set(fromInventory.map((name) => name.object_id));
    const filtersToRead = staleFilters.filter((id) => !known.has(id));

    const staleGroups = await staleDirectoryIds(db, input.tenantId, 'group', referenced.groups, freshAfter);
    const groups = await resolveKind(context, input, 'group', staleGroups, (id) => `groups/${encodeURIComponent(id)}?$select=id,displayName`, 'v1.0');
    const filters = await resolveKind(context, input, 'assignment_filter', filtersToRead, (id) => `deviceManagement/assignmentFilters/${encodeURIComponent(id)}?$select=id,displayName`, 'beta');
    if (fromInventory.length > 0 && filters.read === 0) {
      await recordDirectoryNameSource(db, input.tenantId, 'assignment_filter', { status: 'available', reason: null });
    }
    // What the run viewer says about names (informational: it never changes the run's outcome).
    await context.report({
      directory_names: {
        groups: { referenced: referenced.groups.length, looked_up: groups.read, unavailable: groups.unavailable },
        filters: { referenced: referenced.filters.length, looked_up: filters.read + fromInventory.length, unavailable: filters.unavailable },
      },
    });
    log.info(
      {
        run_id: context.run.id,
        tenant_id: input.tenantId,
        groups_referenced: referenced.groups.length,
        groups_read: groups.read,
        groups_unavailable: groups.unavailable,
        filters_referenced: referenced.filters.length,
        filters_from_inventory: fromInventory.length,
        filters_read: filters.read,
        filters_unavailable: filters.unavailable,
        duration_ms: Date.now() - startedAt,
      },
      'directory names resolved',
    );
  } catch (error) {
    // Never the sync's failure: the names stay as they were and the next sync tries again.
    if (context.signal.aborted) return;
    log.warn({ run_id: context.run.id, tenant_id: input.tenantId, err: error instanceof Error ? error.message : String(error) }, 'directory names not resolved');
  }
}

interface KindResult {
  read: number;
  /** Why names of this kind are unavailable, when they are. */
  unavailable: string | null;
}

async function resolveKind(
  context: RunHandlerContext,
  input: ResolveDirectoryNamesInput,
  kind: DirectoryObjectKind,
  ids: readonly string[],
  pathOf: (id: string) => string,
  version: 'v1.0' | 'beta',
): Promise<KindResult> {
  if (ids.length === 0) return { read: 0, unavailable: null };
  const queue = ids.slice(0, maxLookupsPerSync);
  const names: DirectoryName[] = [];
  let forbidden: { service_code: string | null } | null = null;
  let failures = 0;
  let next = 0;
  const worker = async () => {
    while (forbidden === null && !context.signal.aborted && next < queue.length) {
      const id = queue[next++] as string;
      try {
        const body = await input.client.get(pathOf(id), { version, signal: context.signal });
        names.push({ object_id: id, display_name: typeof body['displayName'] === 'string' ? body['displayName'] : null, state: 'resolved' });
      } catch (error) {
        if (isGraphError(error) && error.status === 404) names.push({ object_id: id, display_name: null, state: 'not_found' });
        else if (isGraphError(error) && error.status === 403) forbidden = { service_code: error.service_code };
        else {
          failures += 1;
          if (context.signal.aborted) return;
          context.log.debug({ run_id: context.run.id, kind, err: error instanceof Error ? error.message : String(error) }, 'directory name lookup failed');
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lookupConcurrency, queue.length) }, worker));
  await saveDirectoryNames(context.db, input.tenantId, kind, names);
  if (forbidden !== null) {
    const permission = kind === 'group' ? 'Group.Read.All' : 'DeviceManagementConfiguration.Read.All';
    context.log.warn(
      { run_id: context.run.id, tenant_id: input.tenantId, kind, service_code: (forbidden as { service_code: string | null }).service_code },
      `${kind === 'group' ? 'group' : 'assignment filter'} names unavailable: Graph refused the lookup (grant ${permission})`,
    );
    await recordDirectoryNameSource(context.db, input.tenantId, kind, { status: 'unavailable', reason: 'forbidden' });
    return { read: names.length, unavailable: 'forbidden' };
  }
  if (names.length === 0 && failures > 0) {
    context.log.warn({ run_id: context.run.id, tenant_id: input.tenantId, kind, failures }, 'directory names unavailable: Graph did not answer');
    await recordDirectoryNameSource(context.db, input.tenantId, kind, { status: 'unavailable', reason: 'failed' });
    return { read: 0, unavailable: 'failed' };
  }
  await recordDirectoryNameSource(context.db, input.tenantId, kind, { status: 'available', reason: null });
  return { read: names.length, unavailable: null };
}
