import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { migrations } from '../../db/migrations';

// What GET /readyz checks (SPEC §4): the database answers, every migration this build knows is applied, and
// the job queue answers through its own connection, and (in a process running a worker) its job loops can fetch.
// Each check has a deadline, so an orchestrator's probe
// gets an answer (503 naming what failed) instead of hanging on a database that does not answer.
export type ReadinessCheck = 'database' | 'migrations' | 'queue' | 'worker';

export interface ReadinessDependencies {
  db: Kysely<Database>;
  /** Absent in a process without an operations engine: nothing could run a started operation there. */
  checkQueue?: () => Promise<void>;
  /** Null while this process's worker (if any) fetches jobs; else why it cannot. */
  workerProblem?: () => string | null;
  timeoutMs: number;
}

export interface ReadinessResult {
  failing: ReadinessCheck[];
  /** Why a check fails, where there is more to say than its name (the worker). */
  reasons: Partial<Record<ReadinessCheck, string>>;
}

export async function readiness(deps: ReadinessDependencies): Promise<ReadinessResult> {
  const failing = await failingReadinessChecks(deps);
  const reasons: ReadinessResult['reasons'] = {};
  const worker = deps.workerProblem?.() ?? null;
  if (worker) {
    failing.push('worker');
    reasons.worker = worker;
  }
  return { failing, reasons };
}

export async function failingReadinessChecks(deps: ReadinessDependencies): Promise<ReadinessCheck[]> {
  const database = await passes(sql`SELECT 1`.execute(deps.db), deps.timeoutMs);
  const [migrationsApplied, queue] = await Promise.all([
    database ? passes(allMigrationsApplied(deps.db), deps.timeoutMs) : false,
    deps.checkQueue ? passes(deps.checkQueue(), deps.timeoutMs) : false,
  ]);
  const failing: ReadinessCheck[] = [];
  if (!database) failing.push('database');
  if (!migrationsApplied) failing.push('migrations');
  if (!queue) failing.push('queue');
  return failing;
}

async function allMigrationsApplied(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
  const applied = new Set(rows.map((row) => row.name));
  const pending = Object.keys(migrations).filter((name) => !applied.has(name));
  if (pending.length > 0) throw new Error(`pending migrations: ${pending.join(', ')}`);
}

/** True when the promise resolves before the deadline; a late result is dropped, its error swallowed. */
async function passes(check: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([check.then(() => true, () => false), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
