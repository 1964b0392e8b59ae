// Operations in the browser: provider.verify started from a tenant page and followed live (queued → running
// → succeeded, no reload, no polling), the operations index, and the canonical run viewer with its
// referenced-tenant block, including the note for a run whose tenant has since been archived.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startGraphSim, type GraphSim } from './graph-sim';
import {
  ApiSession,
  createUser,
  createWorkspace,
  launchBrowser,
  makeDataDir,
  newPage,
  onboardThroughApi,
  removeDataDir,
  screenshot,
  signInThroughUi,
  startServer,
  type TestServer,
  type TestUser,
} from './harness';

const manager: TestUser = { email: 'manager@ops.e2e', name: 'Morgan Manager', password: 'ops-manager-password-1' };
const reader: TestUser = { email: 'reader@ops.e2e', name: 'Riley Reader', password: 'ops-reader-password-1' };

interface RunJson {
  id: number;
  status: string;
  outcome: string;
}
interface TenantJson {
  id: number;
  name: string;
}

let dataDir: string;
let sim: GraphSim;
let server: TestServer;
let browser: Browser;
let api: ApiSession;
let workspaceId: number;
let liveTenant: TenantJson;
let blockerTenant: TenantJson;
let archivedTenant: TenantJson;
let archivedRun: RunJson;

async function createActiveTenant(name: string, simTenant: GraphSim['tenants'][number]): Promise<TenantJson> {
  return onboardThroughApi(api, workspaceId, { name }, simTenant);
}

async function waitForCompletion(runId: number): Promise<RunJson> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { run } = await api.get<{ run: RunJson }>(`/api/operations/${runId}`);
    if (run.status === 'completed') return run;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`run ${runId} did not complete within 60 s`);
}

beforeAll(async () => {
  dataDir = await makeDataDir();
  sim = await startGraphSim(3);
  const workspace = await createWorkspace(dataDir, 'Operations E2E', 'ops');
  workspaceId = workspace.id;
  await createUser(dataDir, manager, 'ops', 'manager');
  await createUser(dataDir, reader, 'ops', 'readonly');
  server = await startServer(dataDir, {
    env: {
      TENANTATLAS_GRAPH_URL: sim.url,
      TENANTATLAS_LOGIN_URL: sim.url,
      // One run at a time: while another tenant's run holds the worker, a new run visibly waits as queued.
      TENANTATLAS_WORKER_CONCURRENCY: '1',
    },
  });
  api = await ApiSession.signIn(server.url, manager);

  const [first, second, third] = sim.tenants;
  if (!first || !second || !third) throw new Error('graph-sim started without three tenants');
  liveTenant = await createActiveTenant('Contoso Pharma', first);
  blockerTenant = await createActiveTenant('Fabrikam Health', third);
  await api.put(`/api/tenants/${blockerTenant.id}/provider-connection`, {
    client_id: third.client_id,
    client_secret: third.client_secret,
  });

  // A tenant verified once and archived afterwards: its run must stay a valid record with a note.
  archivedTenant = await createActiveTenant('Tailspin Retail', second);
  await api.put(`/api/tenants/${archivedTenant.id}/provider-connection`, {
    client_id: second.client_id,
    client_secret: second.client_secret,
  });
  const started = await api.post<{ run: RunJson }>(`/api/tenants/${archivedTenant.id}/provider-connection/verify`);
  archivedRun = await waitForCompletion(started.run.id);
  await api.post(`/api/tenants/${archivedTenant.id}/lifecycle`, { action: 'archive' });

  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sim?.stop();
  if (dataDir) await removeDataDir(dataDir);
});

describe('operations', () => {
  it('verifies a provider connection and follows the run live from queued to succeeded', async () => {
    const [simTenant] = sim.tenants;
    if (!simTenant) throw new Error('no sim tenant');
    const { context, page } = await newPage(browser);
    // Record every status the run viewer shows, from the first render on, without touching the app.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __runStatuses: string[] }).__runStatuses = seen;
      new MutationObserver(() => {
        const badge = document.querySelector('[data-testid="run-facts"] [data-testid="run-status"]');
        const value = badge?.getAttribute('data-value');
        if (value && seen[seen.length - 1] !== value) seen.push(value);
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await signInThroughUi(page, server.url, manager);
    await page.goto(`${server.url}/w/ops/tenants/${liveTenant.id}`);
    const card = page.getByTestId('provider-connection-card');
    await card.waitFor();
    await screenshot(page, 'operations-01-tenant-connected');

    // Save the app registration again (the tenant was onboarded with it); the secret is write-only and never shown.
    await card.getByRole('button', { name: 'Change credentials' }).click();
    const form = page.getByTestId('provider-connection-form');
    await form.getByLabel('Application (client) ID').fill(simTenant.client_id);
    await form.getByLabel('Client secret').fill(simTenant.client_secret);
    await screenshot(page, 'operations-02-connection-form');
    await form.getByRole('button', { name: 'Save connection' }).click();
    // Saved when the form has closed and the card shows the stored secret again.
    await form.waitFor({ state: 'detached' });
    await card.getByText('Stored', { exact: true }).waitFor();
    expect(await card.textContent()).not.toContain(simTenant.client_secret);
    expect(await page.content()).not.toContain(simTenant.client_secret);

    // Another tenant's slow verification holds the only worker, so ours is queued first; Graph is slow
    // for ours too, so it is visibly running for a while before it succeeds.
    const blockerSim = sim.tenants[2];
    if (!blockerSim) throw new Error('no blocker sim tenant');
    await sim.setFault(blockerSim.entra_tenant_id, { kind: 'slow', delayMs: 4000, count: 1 });
    await sim.setFault(simTenant.entra_tenant_id, { kind: 'slow', delayMs: 2500, count: 1 });
    const blocker = await api.post<{ run: RunJson }>(`/api/tenants/${blockerTenant.id}/provider-connection/verify`);
    await expect
      .poll(async () => (await api.get<{ run: RunJson }>(`/api/operations/${blocker.run.id}`)).run.status, { timeout: 30_000 })
      .toBe('running');
    await page.evaluate(() => ((window as unknown as { __loadedOnce: boolean }).__loadedOnce = true));
    await card.locator('[data-action="verify-connection"]').click();
    const viewRun = page.getByTestId('view-run-link');
    await viewRun.waitFor();
    await screenshot(page, 'operations-03-verify-notification');
    await viewRun.click();
    await page.waitForURL(/\/operations\/\d+$/);
    const runId = Number(new URL(page.url()).pathname.split('/').pop());

    const status = page.locator('[data-testid="run-facts"] [data-testid="run-status"]');
    await status.waitFor();
    await screenshot(page, 'operations-04-run-queued');
    await expect.poll(() => status.getAttribute('data-value'), { timeout: 30_000 }).toBe('running');
    await screenshot(page, 'operations-05-run-running');
    await expect.poll(() => status.getAttribute('data-value'), { timeout: 45_000 }).toBe('completed');
    expect(await page.locator('[data-testid="run-facts"] [data-testid="run-outcome"]').getAttribute('data-value')).toBe('succeeded');

    const seen = await page.evaluate(() => (window as unknown as { __runStatuses: string[] }).__runStatuses);
    expect(seen).toEqual(['queued', 'running', 'completed']);
    // The same document all along: the change arrived over server-sent events, not through a reload.
    expect(await page.evaluate(() => (window as unknown as { __loadedOnce?: boolean }).__loadedOnce)).toBe(true);

    // The referenced tenant block in the canonical_viewer variant: badge and long description, no note.
    const referenced = page.getByTestId('referenced-tenant');
    expect(await referenced.textContent()).toContain(liveTenant.name);
    expect(await referenced.locator('[data-lifecycle="active"]').count()).toBe(1);
    expect(await referenced.getByTestId('lifecycle-context-note').count()).toBe(0);
    await screenshot(page, 'operations-06-run-succeeded');

    const stored = await api.get<{ run: RunJson }>(`/api/operations/${runId}`);
    expect(stored.run.outcome).toBe('succeeded');
    await context.close();
  });

  it('shows the run on the operations index with KPIs and tab counts, and opens it from there', async () => {
    const { context, page } = await newPage(browser);
    await signInThroughUi(page, server.url, manager);
    await page.goto(`${server.url}/w/ops/tenants/${liveTenant.id}`);
    await page.getByRole('link', { name: 'Operations', exact: true }).click();
    await page.waitForURL(/\/operations$/);
    const row = page.getByTestId('run-row').first();
    await row.waitFor();

    // Two verifications: the one that completed onboarding, and the one started from the page above.
    await expect.poll(() => page.getByTestId('kpi-total_runs_30d').textContent()).toBe('2');
    expect(await page.getByTestId('kpi-active_runs').textContent()).toBe('0');
    expect(await page.getByTestId('kpi-failed_or_partial_7d').textContent()).toBe('0');
    expect(await page.getByTestId('kpi-avg_duration_seconds_7d').textContent()).not.toBe('—');
    // The tab counts are their own request; wait for what the page settles on, as for the KPIs above.
    await expect.poll(() => page.getByTestId('tab-count-all').textContent()).toBe('2');
    await expect.poll(() => page.getByTestId('tab-count-succeeded').textContent()).toBe('2');
    await screenshot(page, 'operations-07-index');

    // The Failed tab is calmly empty.
    await page.locator('[data-tab="failed"]').click();
    await page.getByTestId('empty-state').waitFor();
    await screenshot(page, 'operations-08-index-failed-empty');
    await page.locator('[data-tab="all"]').click();

    await page.getByTestId('run-row').first().click();
    await page.waitForURL(/\/operations\/\d+$/);
    await page.getByTestId('referenced-tenant').waitFor();
    expect(await page.locator('[data-testid="run-facts"] [data-testid="run-outcome"]').getAttribute('data-value')).toBe('succeeded');
    await context.close();
  });

  it('shows the archived note on a run of a tenant that was archived later', async () => {
    const { context, page } = await newPage(browser);
    await signInThroughUi(page, server.url, reader);
    await page.goto(`${server.url}/operations/${archivedRun.id}`);
    const referenced = page.getByTestId('referenced-tenant');
    await referenced.waitFor();
    expect(await referenced.textContent()).toContain(archivedTenant.name);
    expect(await referenced.locator('[data-lifecycle="archived"]').count()).toBe(1);
    const note = referenced.getByTestId('lifecycle-context-note');
    expect((await note.textContent())?.length).toBeGreaterThan(10);
    await screenshot(page, 'operations-09-run-of-archived-tenant');

    // The archived tenant's own page keeps its banner; operations cannot start for it.
    await page.goto(`${server.url}/w/ops/tenants/${archivedTenant.id}`);
    await page.getByTestId('lifecycle-banner').waitFor();
    expect(await page.locator('[data-action="verify-connection"]').getAttribute('data-disabled')).not.toBeNull();
    await context.close();
  });

  it('answers a run that does not exist with a calm not-found page', async () => {
    const { context, page } = await newPage(browser);
    await signInThroughUi(page, server.url, reader);
    await page.goto(`${server.url}/operations/987654321`);
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByTestId('not-found').textContent()).toContain('Run not found');
    await screenshot(page, 'operations-10-run-not-found');
    await context.close();
  });
});
