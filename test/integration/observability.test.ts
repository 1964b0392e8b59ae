// Metrics and logs (issue 10), as an operator would check them: scrape GET /metrics on its own port before and after a
// real inventory sync that Graph (graph-sim) throttles, and see runs started and completed, Graph requests by status,
// throttles and retries move by exactly what happened; request durations by route pattern; and no label carrying a
// tenant's name, an email or a raw path. The one logger: every request line has a request id, every job line the run id,
// and no secret appears anywhere.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphSim, type GraphSim } from '../../src/graph-sim';
import { startMetricsServer, type MetricsServer } from '../../src/observability/metrics-server';
import { createLogger } from '../../src/runtime/logger';
import { bearer, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets } from '../support/test-database';
import { eventually, insertTenant, openEngineHarness, type EngineHarness } from '../support/operations-harness';

/** One sample's value from the Prometheus text format (0 when the series does not exist yet). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.slice(name.length).split(' ')[0]!;
    if (wanted.every((pair) => labelText.includes(pair))) return Number(line.split(' ').at(-1));
  }
  return 0;
}

describe.each(databaseTargets())('metrics and logs on %s', (target) => {
  let sim: GraphSim;
  let harness: EngineHarness;
  let metrics: MetricsServer;
  let operator: TestMember;
  let tenantId: number;
  const logLines: Array<Record<string, unknown>> = [];
  const TENANT_NAME = 'Zebra Confidential Holdings';

  beforeAll(async () => {
    sim = await startGraphSim({ pageSize: 7, maxPageSize: 3 });
    const memory = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n')) if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const logger = createLogger({ level: 'info', format: 'json', destination: memory });
    harness = await openEngineHarness(target, { config: { graphUrl: sim.url, loginUrl: sim.url }, log: logger, httpLogger: logger });
    const workspace = await createTestWorkspace(harness.database, 'observed');
    operator = await createMember(harness.database, 'observed', 'operator.person@observed.example', 'operator');
    const manager = await createMember(harness.database, 'observed', 'manager.person@observed.example', 'manager');
    tenantId = await insertTenant(harness.database, workspace.id, TENANT_NAME, 'active');
    const simTenant = sim.tenants[0]!;
    const saved = await bearer(harness.app, manager.token, 'PUT', `/api/tenants/${tenantId}/provider-connection`, { client_id: simTenant.client_id, client_secret: simTenant.client_secret, entra_tenant_id: simTenant.entra_tenant_id });
    expect(saved.statusCode).toBe(200);
    metrics = await startMetricsServer(0, '127.0.0.1');
  });
  afterAll(async () => {
    await metrics?.stop();
    await harness?.close();
    await sim?.close();
  });

  const scrape = async () => {
    const response = await fetch(metrics.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  it('counts a throttled sync: the run started and completed, Graph requests by status, throttles and retries', async () => {
    const before = await scrape();
    const simTenant = sim.tenants[0]!;
    const requestsBefore = sim.stats.requests.length;
    sim.faults.set(simTenant.entra_tenant_id, { kind: 'throttle', every: 3, retryAfterSeconds: 0 });
    let runId: number;
    try {
      const started = await bearer(harness.app, operator.token, 'POST', `/api/tenants/${tenantId}/inventory/sync`, { policy_types: ['deviceCompliancePolicy', 'settingsCatalogPolicy'] });
      expect(started.statusCode).toBe(202);
      runId = started.json<{ run: { id: number } }>().run.id;
      await eventually(async () => {
        const run = (await bearer(harness.app, operator.token, 'GET', `/api/operations/${runId}`)).json<{ run: { status: string; outcome: string } }>().run;
        return run.status === 'completed' ? run : undefined;
      }, 'the sync to complete');
    } finally {
      sim.faults.clear(simTenant.entra_tenant_id);
    }
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);

    expect(delta('tenantatlas_runs_started_total', { type: 'inventory.sync' })).toBe(1);
    expect(delta('tenantatlas_runs_completed_total', { type: 'inventory.sync', outcome: 'succeeded' })).toBe(1);
    const answered = sim.stats.requests.slice(requestsBefore).filter((request) => request.entra_tenant_id === simTenant.entra_tenant_id);
    // Graph's answers to each request it counts: a JSON batch's sub-requests, not the batch envelope itself.
    const graphAnswers = answered.filter((request) => !request.path.includes('/oauth2/') && !request.path.endsWith('/$batch'));
    const throttled = graphAnswers.filter((request) => request.status === 429).length;
    expect(throttled).toBeGreaterThan(0);
    expect(delta('tenantatlas_graph_throttled_total', { endpoint: 'graph' })).toBe(throttled);
    expect(delta('tenantatlas_graph_requests_total', { endpoint: 'graph', status: '429' })).toBe(throttled);
    expect(delta('tenantatlas_graph_requests_total', { endpoint: 'graph', status: '200' })).toBe(graphAnswers.filter((request) => request.status === 200).length);
    expect(delta('tenantatlas_graph_retries_total', { endpoint: 'graph' })).toBe(throttled);
    // Read at scrape time: nothing is active once the run completed.
    expect(sample(after, 'tenantatlas_runs_active', { status: 'running' })).toBe(0);
    expect(after).toMatch(/^tenantatlas_queue_depth \d+$/m);

    // Requests by route pattern, never by the path that was asked for.
    expect(delta('tenantatlas_http_request_duration_seconds_count', { route: '/api/tenants/:tenant_id/inventory/sync', method: 'POST', status: '202' })).toBe(1);
    expect(delta('tenantatlas_http_request_duration_seconds_count', { route: '/api/operations/:run_id', method: 'GET', status: '200' })).toBeGreaterThan(0);
  });

  it('labels nothing with a tenant, a person or a raw path', async () => {
    await bearer(harness.app, operator.token, 'GET', `/api/tenants/${tenantId}/inventory/items?search=${encodeURIComponent(TENANT_NAME)}`);
    await bearer(harness.app, operator.token, 'GET', '/api/no/such/route/operator.person@observed.example');
    const text = await scrape();
    for (const forbidden of [TENANT_NAME, 'Zebra', 'observed.example', `/api/tenants/${tenantId}`, '/api/no/such', sim.tenants[0]!.entra_tenant_id]) {
      expect(text).not.toContain(forbidden);
    }
    expect(sample(text, 'tenantatlas_http_request_duration_seconds_count', { route: 'unmatched', status: '404' })).toBeGreaterThan(0);
    // Anything but GET /metrics is not found there.
    expect((await fetch(metrics.url.replace('/metrics', '/other'))).status).toBe(404);
  });

  it('logs every request with its request id and every job line with its run id, and never a secret', () => {
    const requestLines = logLines.filter((line) => line.req !== undefined || line.res !== undefined);
    expect(requestLines.length).toBeGreaterThan(4);
    for (const line of requestLines) expect(line.request_id, JSON.stringify(line)).toEqual(expect.any(String));
    const jobLines = logLines.filter((line) => line.msg === 'run started' || line.msg === 'run completed');
    expect(jobLines.length).toBeGreaterThanOrEqual(2);
    for (const line of jobLines) expect(line.run_id).toEqual(expect.any(Number));
    for (const line of logLines) {
      expect(line.time, 'ISO times').toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(['debug', 'info', 'warn', 'error']).toContain(line.level);
    }
    const all = JSON.stringify(logLines);
    expect(all).not.toContain(sim.tenants[0]!.client_secret);
    expect(all).not.toContain(operator.token);
  });
});
