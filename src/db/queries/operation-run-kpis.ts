import { sql, type Kysely } from 'kysely';
import { meanSeconds, operationsKpiWindows, tabCountsFromTallies, utcDayOf, type RunTabCounts } from '../../domain/operations';
import type { Database } from '../schema';

export interface OperationsKpis {
  total_runs_30d: number;
  active_runs: number;
  failed_or_partial_7d: number;
  avg_duration_seconds_7d: number | null;
}

const total = (column: string) => sql<number>`coalesce(sum(${sql.ref(column)}), 0)::float8`;

/**
 * The operations KPIs of SPEC §3 for one tenant at `now`. A window is summed from the daily tallies of the
 * whole UTC days after the day it starts in, plus an exact index range scan of that first day (migration
 * 0003): the cost is one tally row per day plus one day of runs, however long the history is.
 */
export async function operationsKpis(db: Kysely<Database>, tenantId: number, now: Date): Promise<OperationsKpis> {
  const { createdSince, completedSince } = operationsKpiWindows(now);
  const createdEdge = utcDayOf(createdSince);
  const completedEdge = utcDayOf(completedSince);

  const completedDay = sql`kind = 'completed' AND day > ${completedEdge.day}`;
  // One pass over the tenant's daily tallies of the 30-day window (the 7-day window lies inside it).
  const tallies = db
    .selectFrom('operation_run_daily_tallies')
    .select((eb) => [
      sql<number>`coalesce(sum(run_count) FILTER (WHERE kind = 'created'), 0)::float8`.as('created'),
      sql<number>`coalesce(sum(run_count) FILTER (WHERE ${completedDay} AND outcome IN ('failed', 'partial')), 0)::float8`.as('failed_or_partial'),
      sql<number>`coalesce(sum(timed_count) FILTER (WHERE ${completedDay}), 0)::float8`.as('timed'),
      sql<number>`coalesce(sum(duration_seconds_sum) FILTER (WHERE ${completedDay}), 0)::float8`.as('seconds'),
      eb
        .selectFrom('operation_run_tallies')
        .select(total('run_count').as('n'))
        .where('tenant_id', '=', tenantId)
        .where('status', 'in', ['queued', 'running'])
        .as('active'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('day', '>', createdEdge.day);
  // operation_runs_tenant_created_idx
  const createdFirstDay = db
    .selectFrom('operation_runs')
    .select(sql<number>`count(*)::float8`.as('created_first_day'))
    .where('tenant_id', '=', tenantId)
    .where('created_at', '>=', createdSince)
    .where('created_at', '<', createdEdge.nextDayStart);
  // operation_runs_tenant_completed_idx, index-only thanks to its INCLUDE (outcome, started_at)
  const completedFirstDay = db
    .selectFrom('operation_runs')
    .select([
      sql<number>`(count(*) FILTER (WHERE outcome IN ('failed', 'partial')))::float8`.as('first_day_failed_or_partial'),
      sql<number>`count(started_at)::float8`.as('first_day_timed'),
      sql<number>`coalesce(sum(extract(epoch FROM completed_at - started_at)), 0)::float8`.as('first_day_seconds'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'completed')
    .where('completed_at', '>=', completedSince)
    .where('completed_at', '<', completedEdge.nextDayStart);
  // The three single-row reads in one statement: one round trip instead of three (issue 10, PERFORMANCE.md).
  const row = await db
    .selectFrom([tallies.as('t'), createdFirstDay.as('c'), completedFirstDay.as('f')])
    .selectAll()
    .executeTakeFirstOrThrow();

  return {
    total_runs_30d: Number(row.created) + Number(row.created_first_day),
    active_runs: Number(row.active),
    failed_or_partial_7d: Number(row.failed_or_partial) + Number(row.first_day_failed_or_partial),
    avg_duration_seconds_7d: meanSeconds(Number(row.seconds) + Number(row.first_day_seconds), Number(row.timed) + Number(row.first_day_timed)),
  };
}

/** Tab counts from the trigger-kept tallies: one small read, independent of history size. */
export async function runTabCounts(db: Kysely<Database>, tenantId: number, type?: string): Promise<RunTabCounts> {
  const tallies = type
    ? await db
        .selectFrom('operation_run_type_tallies')
        .select(['status', 'outcome', 'run_count'])
        .where('tenant_id', '=', tenantId)
        .where('type', '=', type)
        .execute()
    : await db.selectFrom('operation_run_tallies').select(['status', 'outcome', 'run_count']).where('tenant_id', '=', tenantId).execute();
  return tabCountsFromTallies(tallies);
}
