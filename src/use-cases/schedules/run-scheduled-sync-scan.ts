import type { Kysely } from 'kysely';
import { tenantsDueForScan, tenantsDueForSync } from '../../db/queries/sync-scan-schedule';
import type { Database } from '../../db/schema';
import { allPolicyTypesSorted } from '../../domain/inventory';
import { systemActor, type AuditContext } from '../../domain/audit';
import type { RunQueue } from '../operations/run-queue';
import { startOperation } from '../operations/start-operation';

/**
 * One tick of the sync-and-scan schedule (issue 7): starts a full inventory sync for every due tenant and a
 * drift scan for every tenant whose latest sync is newer than its latest scan. Starts go through the one
 * start-or-reuse rule (the selection is the one a manual "all types" sync has, so they share a run), so a tick
 * never runs two of the same run at once; scheduled runs have no initiator.
 */
/** Returns the runs it newly started (a reused active run is not counted). */

/** Scheduled runs have no initiator; the trail names the schedule as their actor. */
const scheduleAudit: AuditContext = { actor: systemActor('Schedule'), ip: null };

export async function runScheduledSyncScan(deps: { db: Kysely<Database>; queue: RunQueue }, now: Date): Promise<{ syncs: number[]; scans: number[] }> {
  const syncs: number[] = [];
  const scans: number[] = [];
  for (const tenantId of await tenantsDueForScan(deps.db)) {
    const started = await startOperation(deps, { tenantId, type: 'drift.scan', audit: scheduleAudit });
    if (started.ok && !started.reused) scans.push(started.run.id);
  }
  for (const tenantId of await tenantsDueForSync(deps.db, now)) {
    const started = await startOperation(deps, { tenantId, type: 'inventory.sync', audit: scheduleAudit, selection: { policy_types: allPolicyTypesSorted() } });
    if (started.ok && !started.reused) syncs.push(started.run.id);
  }
  return { syncs, scans };
}
