import type { Kysely } from 'kysely';
import type PgBoss from 'pg-boss';
import { deleteExpiredSessions } from '../../db/queries/sessions';
import type { Database } from '../../db/schema';
import type { JobLogger } from '../job-logger';

// Housekeeping that runs on the queue's own scheduler (pg-boss cron), never a timer loop of ours: the
// schedule lives in the database, so with several worker processes it fires once, wherever a worker is free.
export const EXPIRED_SESSIONS_QUEUE = 'maintenance.expired-sessions';
/** Every hour at minute 7 (not on the hour, when other cron jobs of a host tend to pile up). */
export const EXPIRED_SESSIONS_CRON = '7 * * * *';

/** Registers the schedules and works their queues; called by every process that runs a worker. */
export async function startScheduledMaintenance(boss: PgBoss, db: Kysely<Database>, log: JobLogger, pollIntervalSeconds: number): Promise<void> {
  await boss.createQueue(EXPIRED_SESSIONS_QUEUE, { name: EXPIRED_SESSIONS_QUEUE, retryLimit: 2, expireInSeconds: 15 * 60 });
  await boss.schedule(EXPIRED_SESSIONS_QUEUE, EXPIRED_SESSIONS_CRON, {}, { tz: 'UTC' });
  await boss.work(EXPIRED_SESSIONS_QUEUE, { pollingIntervalSeconds: Math.max(0.5, pollIntervalSeconds) }, async () => {
    const deleted = await removeExpiredSessions(db, new Date());
    log.info({ deleted }, 'deleted expired sessions');
  });
}

/** Sessions past their expiry can never be used again (reads ignore them); this deletes their rows. */
export async function removeExpiredSessions(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await deleteExpiredSessions(db, now);
  return Number(result[0]?.numDeletedRows ?? 0);
}
