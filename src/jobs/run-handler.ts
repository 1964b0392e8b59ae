import type { Kysely } from 'kysely';
import type { AppConfig } from '../config';
import type { Database, OperationRunRow } from '../db/schema';
import type { SummaryCounts } from '../domain/operations';
import type { SecretKeys } from '../security/secret-key';
import type { JobLogger } from './job-logger';

// The contract between the worker and the code that does one type of work. A handler reads and writes
// through db/queries, decides with domain/, talks to Graph through graph/, and reports through this
// context; it never changes the run row itself.
export interface RunHandlerContext {
  run: OperationRunRow;
  /** Aborted when the run is cancelled, reconciled away, or the worker shuts down: stop soon. */
  signal: AbortSignal;
  /** Records counts (merged key by key into what was reported before); written at most about once a second. */
  progress(counts: SummaryCounts): Promise<void>;
  /**
   * Merges keys into the run's context (top level), written with the next progress write: what the run's
   * viewer shows beyond counts (an inventory sync's types done, per-type results, skipped families).
   */
  report(patch: Record<string, unknown>): Promise<void>;
  /** Records one failure of part of the work; the run goes on and ends `partial` unless told otherwise. */
  fail(code: string, message: string, count?: number): void;
  /** Marks a value as secret: it is cut out of failure messages and log lines of this run. */
  protect(secret: string): void;
  /** Records a retry of a Graph request (pass it as the GraphClient's `onRetry`); shown on the run viewer. */
  noteRetry(retry: { status: number | null; wait_ms: number }): void;
  db: Kysely<Database>;
  config: AppConfig;
  keys: SecretKeys;
  log: JobLogger;
}

export interface RunHandlerResult {
  /** Omitted: `partial` when failures were recorded, else `succeeded`. */
  outcome?: 'succeeded' | 'partial' | 'failed';
}

export type RunHandler = (context: RunHandlerContext) => Promise<RunHandlerResult | void>;

export type RunHandlerRegistry = Readonly<Record<string, RunHandler>>;

/**
 * A failure a handler raises on purpose, with a stable code and a message written for the person reading
 * the run (still scrubbed on its way into failure_summary).
 */
export class OperationFailure extends Error {
  override readonly name = 'OperationFailure';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
