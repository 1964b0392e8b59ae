import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { OperationFailure, type RunHandler } from '../run-handler';

// A run type for the test suite only (registered when TENANTATLAS_TEST_RUN_TYPES=1): it waits, records
// each execution in the run's context (so a test can prove none ran twice) and can be told to fail.
// Options come from the run's selection (context.selection), else from the context itself:
//   sleep_ms       how long to work (default 50)
//   fail_code      end by raising an OperationFailure with this code and fail_message
//   throw_message  end by throwing a plain Error with this message
//   partial_code   record one failure with this code and finish (→ partial)
export const TEST_SLEEP_TYPE = 'test.sleep';

export const testSleep: RunHandler = async ({ run, db, signal, progress, fail }) => {
  await db
    .updateTable('operation_runs')
    .set({
      context: sql`jsonb_set(context, '{executions}', coalesce(context->'executions', '[]'::jsonb) || to_jsonb(${run.worker_id ?? ''}::text))`,
    })
    .where('id', '=', run.id)
    .execute();
  const context = run.context as Record<string, unknown>;
  const options = (typeof context.selection === 'object' && context.selection !== null ? context.selection : context) as Record<string, unknown>;
  await progress({ total: 1 });
  await sleep(typeof options.sleep_ms === 'number' ? options.sleep_ms : 50, undefined, { signal });
  if (typeof options.fail_code === 'string') throw new OperationFailure(options.fail_code, String(options.fail_message ?? 'Told to fail.'));
  if (typeof options.throw_message === 'string') throw new Error(options.throw_message);
  if (typeof options.partial_code === 'string') fail(options.partial_code, 'One item was told to fail.');
  await progress({ processed: 1, succeeded: 1 });
};
