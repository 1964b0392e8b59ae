// How a worker paces itself. Read from the environment at the edge (serve, worker) like AppConfig; the
// defaults suit production, tests shorten them.
export interface WorkerSettings {
  /** Runs one worker process executes at once. */
  concurrency: number;
  /** How often an idle worker asks the queue for a job (pg-boss polling; at least 0.5 s). */
  pollIntervalSeconds: number;
  /** How often a running run's heartbeat is written (and cancellation noticed at the latest). */
  heartbeatSeconds: number;
  /** A running run without a heartbeat for this long has lost its worker. */
  heartbeatStaleSeconds: number;
  /** A queued run this old was lost on its way to a worker; far longer than any queue delay. */
  queuedStaleSeconds: number;
  reconcileIntervalSeconds: number;
  /** On SIGTERM, how long running runs may take to finish before they are stopped. */
  shutdownGraceSeconds: number;
  /** Registers the test-only run types (test.sleep); only the test suite sets this. */
  testRunTypes: boolean;
}

export const defaultWorkerSettings: WorkerSettings = {
  concurrency: 2,
  pollIntervalSeconds: 2,
  heartbeatSeconds: 5,
  heartbeatStaleSeconds: 60,
  queuedStaleSeconds: 30 * 60,
  reconcileIntervalSeconds: 30,
  shutdownGraceSeconds: 20,
  testRunTypes: false,
};

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < minimum) throw new Error(`${name} must be a number ≥ ${minimum}, got "${raw}"`);
  return value;
}

export function loadWorkerSettings(env: NodeJS.ProcessEnv = process.env): WorkerSettings {
  const settings: WorkerSettings = {
    concurrency: Math.floor(seconds(env, 'TENANTATLAS_WORKER_CONCURRENCY', defaultWorkerSettings.concurrency, 1)),
    pollIntervalSeconds: seconds(env, 'TENANTATLAS_QUEUE_POLL_SECONDS', defaultWorkerSettings.pollIntervalSeconds, 0.5),
    heartbeatSeconds: seconds(env, 'TENANTATLAS_HEARTBEAT_SECONDS', defaultWorkerSettings.heartbeatSeconds, 0.05),
    heartbeatStaleSeconds: seconds(env, 'TENANTATLAS_HEARTBEAT_STALE_SECONDS', defaultWorkerSettings.heartbeatStaleSeconds, 0.1),
    queuedStaleSeconds: seconds(env, 'TENANTATLAS_QUEUED_STALE_SECONDS', defaultWorkerSettings.queuedStaleSeconds, 1),
    reconcileIntervalSeconds: seconds(env, 'TENANTATLAS_RECONCILE_INTERVAL_SECONDS', defaultWorkerSettings.reconcileIntervalSeconds, 0.1),
    shutdownGraceSeconds: seconds(env, 'TENANTATLAS_SHUTDOWN_GRACE_SECONDS', defaultWorkerSettings.shutdownGraceSeconds, 0),
    testRunTypes: env.TENANTATLAS_TEST_RUN_TYPES === '1',
  };
  return checkWorkerSettings(settings);
}

/** A stale threshold at or below two heartbeats would reconcile healthy runs. */
export function checkWorkerSettings(settings: WorkerSettings): WorkerSettings {
  if (settings.heartbeatStaleSeconds <= 2 * settings.heartbeatSeconds) {
    throw new Error(
      `TENANTATLAS_HEARTBEAT_STALE_SECONDS (${settings.heartbeatStaleSeconds}) must exceed twice TENANTATLAS_HEARTBEAT_SECONDS (${settings.heartbeatSeconds}).`,
    );
  }
  return settings;
}
