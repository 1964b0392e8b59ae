import client from 'prom-client';

// Prometheus metrics (issue 10) through `prom-client`. One registry per process: servers and workers each expose
// their own, and Prometheus adds them up. Labels are chosen from small fixed sets — a route *pattern*, a run type,
// an outcome, an HTTP status — never a tenant's name, an email, an id or a raw path, so no customer's data reaches
// the monitoring system and the number of series stays bounded.

export const metricsRegistry = new client.Registry();
client.collectDefaultMetrics({ register: metricsRegistry, prefix: 'tenantatlas_process_' });

export const httpRequestDuration = new client.Histogram({
  name: 'tenantatlas_http_request_duration_seconds',
  help: 'HTTP requests by route pattern, method and status class',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const runsStarted = new client.Counter({
  name: 'tenantatlas_runs_started_total',
  help: 'Operation runs created (not reused), by type',
  labelNames: ['type'] as const,
  registers: [metricsRegistry],
});

export const runsCompleted = new client.Counter({
  name: 'tenantatlas_runs_completed_total',
  help: 'Operation runs completed by this process, by type and outcome',
  labelNames: ['type', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const runsReconciled = new client.Counter({
  name: 'tenantatlas_runs_reconciled_total',
  help: 'Runs completed as failed by the reconciler because their worker was lost',
  registers: [metricsRegistry],
});

export const graphRequests = new client.Counter({
  name: 'tenantatlas_graph_requests_total',
  help: 'Requests to Microsoft Graph and its token endpoint, by endpoint kind and HTTP status (0 = no response)',
  labelNames: ['endpoint', 'status'] as const,
  registers: [metricsRegistry],
});

export const graphThrottles = new client.Counter({
  name: 'tenantatlas_graph_throttled_total',
  help: 'Graph answers of 429 (throttled)',
  labelNames: ['endpoint'] as const,
  registers: [metricsRegistry],
});

export const graphRetries = new client.Counter({
  name: 'tenantatlas_graph_retries_total',
  help: 'Graph requests retried after a throttle, a server error or a network failure',
  labelNames: ['endpoint'] as const,
  registers: [metricsRegistry],
});

export const graphBudgetWaits = new client.Counter({
  name: 'tenantatlas_graph_budget_waits_total',
  help: 'Graph requests that waited for the per-tenant request budget (src/graph/request-budget.ts), by bucket kind',
  labelNames: ['bucket'] as const,
  registers: [metricsRegistry],
});

export const graphBudgetWaitSeconds = new client.Counter({
  name: 'tenantatlas_graph_budget_wait_seconds_total',
  help: 'Time Graph requests spent waiting for the per-tenant request budget, by bucket kind',
  labelNames: ['bucket'] as const,
  registers: [metricsRegistry],
});

export const eventStreamsOpen = new client.Gauge({
  name: 'tenantatlas_event_streams_open',
  help: 'Live-update (server-sent event) streams open in this process',
  registers: [metricsRegistry],
});

/** Run states, queue depth and pool use are read when Prometheus scrapes (see `registerScrapeTimeGauges`). */
export interface ScrapeTimeSources {
  /** Active runs of every workspace: status queued and running. */
  activeRuns(): Promise<{ queued: number; running: number }>;
  /** Jobs waiting in the job queue. */
  queueDepth(): Promise<number>;
  /** The PostgreSQL pool of this process (none on the embedded database). */
  pool?: { totalCount: number; idleCount: number; waitingCount: number };
}

let sources: ScrapeTimeSources | undefined;

/** Tells the scrape-time gauges where to read; the last call wins (one runtime per process). */
export function registerScrapeTimeGauges(from: ScrapeTimeSources): void {
  sources = from;
}

new client.Gauge({
  name: 'tenantatlas_runs_active',
  help: 'Operation runs queued or running, in the whole database',
  labelNames: ['status'] as const,
  registers: [metricsRegistry],
  async collect() {
    if (!sources) return;
    const { queued, running } = await sources.activeRuns();
    this.set({ status: 'queued' }, queued);
    this.set({ status: 'running' }, running);
  },
});

new client.Gauge({
  name: 'tenantatlas_queue_depth',
  help: 'Jobs waiting in the run queue (pg-boss)',
  registers: [metricsRegistry],
  async collect() {
    if (sources) this.set(await sources.queueDepth());
  },
});

new client.Gauge({
  name: 'tenantatlas_db_pool_connections',
  help: 'Connections of this process to PostgreSQL, by state',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect() {
    const pool = sources?.pool;
    if (!pool) return;
    this.set({ state: 'total' }, pool.totalCount);
    this.set({ state: 'idle' }, pool.idleCount);
    this.set({ state: 'waiting' }, pool.waitingCount);
  },
});
