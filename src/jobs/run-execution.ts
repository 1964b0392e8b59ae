import type { Kysely } from 'kysely';
import type { AppConfig } from '../config';
import { findTenantById } from '../db/queries/tenants';
import { completeRun, heartbeatRun, recordRunProgress } from '../db/queries/operation-run-transitions';
import type { Database, OperationRunRow } from '../db/schema';
import {
  addFailure,
  addRetry,
  decideOutcome,
  RUN_RETRIES_CONTEXT_KEY,
  failureEntry,
  mergeSummaryCounts,
  scrubFailureMessage,
  startRefusal,
  type FailureEntry,
  type RunRetries,
  type SummaryCounts,
} from '../domain/operations';
import type { SecretKeys } from '../security/secret-key';
import { failureFromError } from './failure-from-error';
import type { JobLogger } from './job-logger';
import type { RunHandlerContext, RunHandlerRegistry } from './run-handler';
import { runsCompleted } from '../observability/metrics';

export interface ExecutionEnvironment {
  db: Kysely<Database>;
  config: AppConfig;
  keys: SecretKeys;
  log: JobLogger;
  handlers: RunHandlerRegistry;
  workerId: string;
  heartbeatMs: number;
}

/** Why a run's signal was aborted: the run is no longer ours (cancelled, reconciled), or we are stopping. */
export type StopReason = 'lost' | 'shutdown';

export class RunStopped extends Error {
  override readonly name = 'AbortError';
  constructor(readonly reason: StopReason) {
    super(reason === 'shutdown' ? 'The worker is shutting down.' : 'The run is no longer running on this worker.');
  }
}

// Progress is written at most this often (and at every heartbeat while there is something new), so a
// handler may report per item without turning each item into a write and a live event.
const PROGRESS_WRITE_INTERVAL_MS = 1000;

export const workerStoppedFailure = (): FailureEntry =>
  failureEntry('worker.stopped', 'The worker was stopped (shutdown) before this run finished; start it again.');

/**
 * One claimed run on this worker: heartbeats while it runs, hands the handler its context, and completes
 * the run with the outcome. Every write is conditional on the run still being this worker's running run,
 * so a cancel or a reconcile in between always wins and nothing here overwrites it.
 */
export class RunExecution {
  readonly controller = new AbortController();
  #counts: SummaryCounts = {};
  readonly #failures: FailureEntry[] = [];
  readonly #secrets: string[] = [];
  #retries: RunRetries | null = null;
  #reported: Record<string, unknown> = {};
  #stopReason: StopReason | null = null;
  #timer: NodeJS.Timeout | null = null;
  #finished = false;
  #unwritten = false;
  #lastWrite = 0;
  readonly #log: JobLogger;

  constructor(
    private readonly env: ExecutionEnvironment,
    readonly run: OperationRunRow,
  ) {
    this.#log = withFields(env.log, { run_id: run.id, type: run.type, worker_id: env.workerId }, this.#secrets);
  }

  async execute(): Promise<void> {
    this.#scheduleHeartbeat();
    try {
      const refusal = await this.#lifecycleRefusal();
      if (refusal) return await this.#failWith(failureEntry('operation.tenant_not_active', refusal));
      const handler = this.env.handlers[this.run.type];
      if (!handler) {
        const message = `No handler is registered for run type "${this.run.type}" on this worker, so the run cannot execute.`;
        return await this.#failWith(failureEntry('run.unknown_type', message));
      }
      this.#log.info({}, 'run started');
      const result = await handler(this.#context());
      await this.#complete(decideOutcome(result?.outcome, this.#failures.length));
    } catch (error) {
      if (this.#stopReason === 'lost') {
        this.#log.info({}, 'run stopped: it was cancelled or reconciled elsewhere');
        return;
      }
      const entry = this.#stopReason === 'shutdown' ? workerStoppedFailure() : failureFromError(error, this.#secrets);
      this.#log.warn({ code: entry.code, error: entry.message }, 'run failed');
      await this.#failWith(entry);
    } finally {
      this.#finished = true;
      if (this.#timer) clearTimeout(this.#timer);
    }
  }

  /** Aborts the handler's signal; the first reason wins. */
  stop(reason: StopReason): void {
    if (this.#stopReason) return;
    this.#stopReason = reason;
    this.controller.abort(new RunStopped(reason));
  }

  /** Checks at once whether the run is still ours (e.g. on a change notification) instead of at the next beat. */
  checkNow(): void {
    void this.#beat();
  }

  /** Completes the run as stopped by shutdown even if its handler ignores the signal. */
  async forceStop(): Promise<void> {
    addFailure(this.#failures, workerStoppedFailure());
    await this.#complete('failed');
  }

  async #lifecycleRefusal(): Promise<string | null> {
    if (this.run.tenant_id === null) return null;
    const tenant = await findTenantById(this.env.db, this.run.tenant_id);
    return startRefusal(tenant?.status ?? null, this.run.type);
  }

  #context(): RunHandlerContext {
    return {
      run: this.run,
      signal: this.controller.signal,
      progress: (counts) => this.#progress(counts),
      report: (patch) => {
        this.#reported = { ...this.#reported, ...patch };
        return this.#progress({});
      },
      fail: (code, message, count = 1) => {
        addFailure(this.#failures, failureEntry(code, message, count, { secrets: this.#secrets }));
        this.#unwritten = true;
      },
      protect: (secret) => {
        if (secret) this.#secrets.push(secret);
      },
      noteRetry: (retry) => {
        this.#retries = addRetry(this.#retries, retry);
        this.#unwritten = true;
      },
      db: this.env.db,
      config: this.env.config,
      keys: this.env.keys,
      log: this.#log,
    };
  }

  async #progress(counts: SummaryCounts): Promise<void> {
    this.#counts = mergeSummaryCounts(this.#counts, counts);
    this.#unwritten = true;
    if (Date.now() - this.#lastWrite >= PROGRESS_WRITE_INTERVAL_MS) await this.#writeProgress();
  }

  /** Writes counts and failures (a heartbeat too); false when the run is no longer ours. */
  async #writeProgress(): Promise<void> {
    this.#unwritten = false;
    this.#lastWrite = Date.now();
    const mine = await recordRunProgress(this.env.db, this.run.id, this.env.workerId, {
      summary_counts: this.#counts,
      failure_summary: this.#failures,
      context_patch: this.#contextPatch(),
    });
    if (!mine) this.stop('lost');
  }

  async #failWith(entry: FailureEntry): Promise<void> {
    addFailure(this.#failures, entry);
    await this.#complete('failed');
  }

  async #complete(outcome: 'succeeded' | 'partial' | 'failed'): Promise<void> {
    const completed = await completeRun(this.env.db, this.run.id, {
      outcome,
      summary_counts: this.#counts,
      failure_summary: this.#failures,
      context_patch: this.#contextPatch(),
      workerId: this.env.workerId,
    });
    if (completed) {
      this.#log.info({ outcome }, 'run completed');
      runsCompleted.inc({ type: this.run.type, outcome });
    }
  }

  #contextPatch(): Record<string, unknown> | undefined {
    const patch = { ...this.#reported, ...(this.#retries ? { [RUN_RETRIES_CONTEXT_KEY]: this.#retries } : {}) };
    return Object.keys(patch).length > 0 ? patch : undefined;
  }

  #scheduleHeartbeat(): void {
    this.#timer = setTimeout(() => {
      void this.#beat().finally(() => {
        if (!this.#finished) this.#scheduleHeartbeat();
      });
    }, this.env.heartbeatMs);
  }

  async #beat(): Promise<void> {
    if (this.#finished || this.#stopReason === 'lost') return;
    try {
      if (this.#unwritten) await this.#writeProgress();
      else if (!(await heartbeatRun(this.env.db, this.run.id, this.env.workerId))) this.stop('lost');
    } catch (error) {
      // A missed beat is not fatal; if beats keep failing, the reconciler decides after the stale threshold.
      this.#log.warn({ error: error instanceof Error ? error.message : String(error) }, 'heartbeat failed');
    }
  }
}

/** Adds fields to every line and cuts the run's protected secrets out of every string field. */
function withFields(log: JobLogger, fields: object, secrets: readonly string[]): JobLogger {
  const clean = (extra: object) => {
    const merged: Record<string, unknown> = { ...fields, ...extra };
    for (const [key, value] of Object.entries(merged)) {
      if (typeof value === 'string' && secrets.some((secret) => value.includes(secret))) {
        merged[key] = scrubFailureMessage(value, { secrets });
      }
    }
    return merged;
  };
  return {
    debug: (extra, message) => log.debug(clean(extra), message),
    info: (extra, message) => log.info(clean(extra), message),
    warn: (extra, message) => log.warn(clean(extra), message),
    error: (extra, message) => log.error(clean(extra), message),
  };
}
