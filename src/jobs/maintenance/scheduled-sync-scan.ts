import type { Kysely } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Database } from '../../db/schema';
import type { RunQueue } from '../../use-cases/operations/run-queue';
import { runScheduledSyncScan } from '../../use-cases/schedules/run-scheduled-sync-scan';
import type { JobLogger } from '../job-logger';

// The sync-and-scan schedule on the queue's own scheduler (pg-boss cron, kept in the database): with several
// worker processes a tick fires once. Each tick asks the run ledger what is due (use-cases/schedules), so the
// per-workspace interval needs no schedule of its own, and a scan follows its sync within one tick.
export const SYNC_SCAN_QUEUE = 'schedule.sync-scan';
/** Every five minutes. */
export const SYNC_SCAN_CRON = '*/5 * * * *';

export async function startScheduledSyncScan(
  boss: PgBoss,
  deps: { db: Kysely<Database>; queue: RunQueue },
  log: JobLogger,
  options: { enabled: boolean; pollIntervalSeconds: number },
): Promise<void> {
  await boss.createQueue(SYNC_SCAN_QUEUE, { name: SYNC_SCAN_QUEUE, retryLimit: 1, expireInSeconds: 10 * 60 });
  if (!options.enabled) {
    await boss.unschedule(SYNC_SCAN_QUEUE);
    return;
  }
  await boss.schedule(SYNC_SCAN_QUEUE, SYNC_SCAN_CRON, {}, { tz: 'UTC' });
  await boss.work(SYNC_SCAN_QUEUE, { pollingIntervalSeconds: Math.max(0.5, options.pollIntervalSeconds) }, async () => {
    const started = await runScheduledSyncScan(deps, new Date());
    if (started.syncs.length + started.scans.length > 0) log.info({ syncs: started.syncs.length, scans: started.scans.length }, 'scheduled syncs and scans started');
  });
}
