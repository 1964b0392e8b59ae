// Drift in the browser, live (issue 7): a tenant with a synced inventory and no baseline shows a calm empty
// state; "Capture baseline" and "Scan now" tell their outcome where they were pressed; a setting changed through
// graph-sim's control API (a separate process), synced and scanned by another actor, appears on the open
// dashboard without a reload; the finding's diff names the setting in Intune's words; triage per role. And a new tenant's
// dashboard is calm.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { graphGet, startGraphSim, type GraphSim } from './graph-sim';
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

const manager: TestUser = { email: 'manager@drift.e2e', name: 'Mia Manager', password: 'drift-manager-password-1' };
const operator: TestUser = { email: 'operator@drift.e2e', name: 'Olive Operator', password: 'drift-operator-password-1' };
const reader: TestUser = { email: 'reader@drift.e2e', name: 'Riley Reader', password: 'drift-reader-password-1' };
const configurationPolicies = 'deviceManagement/configurationPolicies';

let dataDir: string;
let sim: GraphSim;
let server: TestServer;
let browser: Browser;
let api: ApiSession;
let page: Page;
let workspaceId: number;
let tenantId: number;
let entraTenantId: string;

const dashboard = (id = tenantId) => `${server.url}/w/drift/tenants/${id}`;

async function runThroughApi(path: string): Promise<void> {
  const { run } = await api.post<{ run: { id: number } }>(path, {});
  const deadline = Date.now() + 60_000;
  for (;;) {
    const view = await api.get<{ run: { status: string } }>(`/api/operations/${run.id}`);
    if (view.run.status === 'completed') return;
    if (Date.now() > deadline) throw new Error(`${path} did not finish within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  dataDir = await makeDataDir();
  sim = await startGraphSim(1, 'drift');
  workspaceId = (await createWorkspace(dataDir, 'Drift E2E', 'drift')).id;
  await createUser(dataDir, manager, 'drift', 'manager');
  await createUser(dataDir, operator, 'drift', 'operator');
  await createUser(dataDir, reader, 'drift', 'readonly');
  server = await startServer(dataDir, { env: { TENANTATLAS_GRAPH_URL: sim.url, TENANTATLAS_LOGIN_URL: sim.url } });
  api = await ApiSession.signIn(server.url, manager);
  const simTenant = sim.tenants[0]!;
  entraTenantId = simTenant.entra_tenant_id;
  tenantId = (await onboardThroughApi(api, workspaceId, { name: 'Adatum Drift' }, simTenant)).id;
  await runThroughApi(`/api/tenants/${tenantId}/inventory/sync`);
  browser = await launchBrowser();
  ({ page } = await newPage(browser));
  await signInThroughUi(page, server.url, operator);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sim?.stop();
  if (dataDir) await removeDataDir(dataDir);
});

it('captures a baseline and scans from the dashboard, each telling its outcome where it was pressed', async () => {
  await page.goto(dashboard());
  await expect.poll(() => page.getByTestId('drift-card').getByTestId('empty-state').textContent()).toContain('No drift data yet');
  const scan = page.locator('[data-action="scan-now"]');
  expect(await scan.getAttribute('data-disabled-reason')).toBe('Capture a baseline first: a scan compares the inventory with it.');
  await screenshot(page, 'drift-dashboard-before-baseline');

  await page.locator('[data-action="capture-baseline"]').click();
  await expect.poll(() => page.getByTestId('capture-outcome').getAttribute('data-outcome'), { timeout: 60_000 }).toBe('succeeded');
  const items = (await api.get<{ total_items: number }>(`/api/tenants/${tenantId}/inventory/kpis`)).total_items;
  expect(await page.getByTestId('capture-outcome').textContent()).toContain(`Baseline captured: ${items} policies`);
  await expect.poll(() => page.getByTestId('drift-last-scan').textContent()).toContain(`Never scanned. Baseline of ${items} policies`);

  expect(await scan.getAttribute('data-disabled-reason')).toBeNull();
  await scan.click();
  await expect.poll(() => page.getByTestId('scan-outcome').getAttribute('data-outcome'), { timeout: 60_000 }).toBe('succeeded');
  // Nothing changed since the baseline: a re-read of the same tenant is no drift.
  expect(await page.getByTestId('scan-outcome').textContent()).toContain('Scan finished: 0 new, 0 reopened, 0 resolved, 0 still open.');
  await expect.poll(() => page.getByTestId('needs-attention-empty').count()).toBe(1);
  for (const severity of ['critical', 'high', 'medium', 'low']) expect(await page.getByTestId(`kpi-open-${severity}`).textContent()).toBe('0');
});

it('shows drift made through graph-sim and found by a scan another actor started, without a reload', async () => {
  await page.goto(dashboard());
  await page.getByTestId('drift-card').waitFor();
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const policies = await sim.policies(entraTenantId, configurationPolicies);
  const policy = policies.find((candidate) => (candidate['settings'] as Array<{ settingInstance: { choiceSettingValue?: unknown } }>).some((setting) => setting.settingInstance.choiceSettingValue))!;
  const instance = (policy['settings'] as Array<{ settingInstance: { settingDefinitionId: string; choiceSettingValue?: { value: string } } }>).find((setting) => setting.settingInstance.choiceSettingValue)!.settingInstance;
  const before = instance.choiceSettingValue!.value;
  const after = `${instance.settingDefinitionId}_changed_in_portal`;
  await sim.changeSetting(entraTenantId, configurationPolicies, String(policy['id']), { definition_id: instance.settingDefinitionId, value: after });

  await runThroughApi(`/api/tenants/${tenantId}/inventory/sync`);
  await runThroughApi(`/api/tenants/${tenantId}/drift/scan`);
  // One open finding, at its type's severity, arrives through the event stream.
  const { findings } = await api.get<{ findings: Array<{ severity: string }> }>(`/api/tenants/${tenantId}/findings?status=open`);
  expect(findings).toHaveLength(1);
  await expect.poll(() => page.getByTestId(`kpi-open-${findings[0]!.severity}`).textContent(), { timeout: 30_000 }).toBe('1');
  await expect.poll(() => page.getByTestId('recent-findings').getByTestId('finding-row').count()).toBe(1);
  expect(await page.getByTestId('recent-findings').textContent()).toContain(String(policy['name']));
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await screenshot(page, 'drift-dashboard-live-finding');

  // The finding's diff names the setting in Intune's words — the display name and option label Graph's setting
  // definition gives (read here straight from graph-sim as Graph, GET deviceManagement/configurationSettings/{id}:
  // https://learn.microsoft.com/graph/api/intune-deviceconfigv2-devicemanagementconfigurationsettingdefinition-get?view=graph-rest-beta)
  // — with the identity it is compared by beneath, and both values side by side.
  const definition = await graphGet(sim, `beta/deviceManagement/configurationSettings/${encodeURIComponent(instance.settingDefinitionId)}`);
  const options = (definition['options'] ?? []) as Array<{ itemId: string; displayName: string }>;
  const beforeLabel = options.find((option) => option.itemId === before)?.displayName;
  expect(typeof definition['displayName']).toBe('string');
  expect(beforeLabel).toBeTruthy();
  await page.getByTestId('recent-findings').getByTestId('finding-row').getByRole('link').click();
  await page.waitForURL(/\/findings\/\d+$/);
  const row = page.getByTestId('diff-row');
  await row.waitFor();
  expect(await row.getAttribute('data-change')).toBe('changed');
  expect(await row.getAttribute('data-path')).toBe(`settings[${instance.settingDefinitionId}].settingInstance.choiceSettingValue.value`);
  expect(await row.getByTestId('named-id-name').textContent()).toBe(definition['displayName']);
  expect(await row.locator('td').first().textContent()).toContain(instance.settingDefinitionId);
  expect(await row.locator('[data-side="baseline"]').getByTestId('value-text').textContent()).toBe(beforeLabel);
  expect(await row.locator('[data-side="baseline"]').textContent()).toContain(before);
  // A value no option names reads without its definition prefix; the stored value stays beneath.
  expect(await row.locator('[data-side="current"]').getByTestId('value-text').textContent()).toBe('changed_in_portal');
  expect(await row.locator('[data-side="current"]').textContent()).toContain(after);
  await screenshot(page, 'drift-finding-diff');
});

it('lets each role triage only as SPEC §5 allows, each refusal saying why and each outcome told in place', async () => {
  const { findings } = await api.get<{ findings: Array<{ id: number }> }>(`/api/tenants/${tenantId}/findings?status=open`);
  const findingUrl = `${dashboard()}/findings/${findings[0]!.id}`;
  const reason = (target: Page, action: string) => target.locator(`[data-action="finding-${action}"]`).getAttribute('data-disabled-reason');

  const { context: readerContext, page: readerPage } = await newPage(browser);
  await signInThroughUi(readerPage, server.url, reader);
  await readerPage.goto(findingUrl);
  await readerPage.getByTestId('triage').waitFor();
  expect(await reason(readerPage, 'acknowledge')).toBe('Requires the operator role or higher.');
  expect(await reason(readerPage, 'close')).toBe('Requires the manager role or higher.');
  await readerContext.close();

  await page.goto(findingUrl);
  expect(await reason(page, 'close')).toBe('Requires the manager role or higher.');
  await page.locator('[data-action="finding-acknowledge"]').click();
  await expect.poll(() => page.getByTestId('triage-outcome').textContent()).toBe('Finding acknowledged.');
  expect(await page.getByTestId('finding-status').textContent()).toBe('Acknowledged');
  expect(await reason(page, 'acknowledge')).toBe('This finding is already acknowledged.');

  const { context: managerContext, page: managerPage } = await newPage(browser);
  await signInThroughUi(managerPage, server.url, manager);
  await managerPage.goto(findingUrl);
  await managerPage.locator('[data-action="finding-close"]').click();
  await managerPage.getByLabel('False positive').check();
  await managerPage.getByLabel('Note (optional)').fill('The portal shows this value for every pilot device.');
  await managerPage.locator('[data-confirm="finding-close"]').click();
  await expect.poll(() => managerPage.getByTestId('triage-outcome').textContent()).toBe('Finding closed as false positive.');
  expect(await managerPage.getByTestId('finding-status').textContent()).toBe('Closed: False positive');
  expect(await managerPage.getByTestId('closed-note').textContent()).toBe('The portal shows this value for every pilot device.');
  expect(await reason(managerPage, 'reopen')).toBeNull();
  await screenshot(managerPage, 'drift-finding-closed');
  await managerContext.close();
});

it('gives a new tenant a calm dashboard, and works at phone width', async () => {
  const { tenant } = await api.post<{ tenant: { id: number } }>(`/api/workspaces/${workspaceId}/tenants`, { name: 'Brand New Co', domain: 'brandnew.onmicrosoft.com' });
  const { context, page: phone } = await newPage(browser);
  await phone.setViewportSize({ width: 390, height: 844 });
  await signInThroughUi(phone, server.url, operator);
  await phone.goto(dashboard(tenant.id));
  await expect.poll(() => phone.getByTestId('drift-card').textContent()).toContain('Drift is tracked for active tenants; this tenant is Draft.');
  expect(await phone.getByTestId('needs-attention-empty').count()).toBe(1);
  expect(await phone.getByTestId('recent-findings').textContent()).toContain('No findings');
  expect(await phone.getByTestId('recent-runs').textContent()).toContain('No runs yet');
  expect(await phone.locator('[data-action="scan-now"]').getAttribute('data-disabled-reason')).toBe('Drift scan cannot start: the tenant is Draft and not yet onboarded. Start and complete onboarding first.');
  expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await screenshot(phone, 'drift-dashboard-new-tenant-phone');

  await phone.goto(dashboard());
  await phone.getByTestId('recent-findings').getByTestId('finding-row').first().waitFor();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await screenshot(phone, 'drift-dashboard-phone');
  await context.close();
});
