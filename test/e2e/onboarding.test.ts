// Onboarding that really connects a tenant, in the browser (issue 11): create the tenant (the form shows every
// field's error at once, checked in the browser), start onboarding, save a connection, a failing and then a
// succeeding verification shown live on the card, completion refused and then accepted.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startGraphSim, type GraphSim } from './graph-sim';
import { createUser, createWorkspace, launchBrowser, makeDataDir, newPage, removeDataDir, screenshot, signInThroughUi, startServer, type TestServer, type TestUser } from './harness';

const manager: TestUser = { email: 'manager@onboard.e2e', name: 'Nora Manager', password: 'onboard-manager-password-1' };
let dataDir: string;
let sim: GraphSim;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  dataDir = await makeDataDir();
  sim = await startGraphSim(1, 'e2e-onboarding');
  await createWorkspace(dataDir, 'Onboarding', 'onboard');
  await createUser(dataDir, manager, 'onboard', 'manager');
  server = await startServer(dataDir, { env: { TENANTATLAS_GRAPH_URL: sim.url, TENANTATLAS_LOGIN_URL: sim.url } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sim?.stop();
  if (dataDir) await removeDataDir(dataDir);
});

it('onboards a tenant by following the page alone', async () => {
  const simTenant = sim.tenants[0]!;
  const { context, page } = await newPage(browser);
  await signInThroughUi(page, server.url, manager);
  await page.goto(`${server.url}/w/onboard/tenants`);

  // The form checks itself with the server's schema: both problems at once, nothing sent.
  await page.getByRole('button', { name: 'Create tenant' }).first().click();
  const form = page.getByTestId('create-tenant-form');
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().includes('/tenants')) requests.push(request.url());
  });
  await form.getByLabel('Entra tenant ID').fill('not-a-guid');
  await form.getByRole('button', { name: 'Create tenant' }).click();
  await expect.poll(() => form.getByText('Enter a name.').count()).toBe(1);
  expect(await form.getByText(/The Entra tenant ID must be a GUID/).count()).toBe(1);
  expect(requests).toEqual([]);
  await screenshot(page, 'onboarding-01-form-errors');
  await form.getByLabel('Name').fill('Contoso Onboarding');
  await form.getByLabel('Entra tenant ID').fill(simTenant.entra_tenant_id);
  await form.getByRole('button', { name: 'Create tenant' }).click();
  await page.waitForURL(/\/tenants\/\d+$/);

  // Draft → onboarding: the steps appear, the connection is the next step.
  await page.getByTestId('lifecycle-banner').locator('[data-action="start_onboarding"]').click();
  const steps = page.getByTestId('onboarding-card');
  await expect.poll(() => steps.locator('[data-step="connection_saved"]').getAttribute('data-state')).toBe('current');
  const complete = steps.locator('[data-action="complete_onboarding"]');
  expect(await complete.isDisabled()).toBe(true);
  // Disabled with the missing step, the same words the server's 409 would answer.
  expect(await complete.getAttribute('data-disabled-reason')).toMatch(/save the provider connection first \(step 1\)/);
  await screenshot(page, 'onboarding-02-steps');

  // A wrong secret: saved, verified, and the failure is shown live where the user verified.
  const card = page.getByTestId('provider-connection-card');
  await card.getByRole('button', { name: 'Set up connection' }).click();
  const connection = page.getByTestId('provider-connection-form');
  // The connection form checks itself too: both missing fields at once, in words, and nothing is sent.
  const saves: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PUT') saves.push(request.url());
  });
  await connection.getByRole('button', { name: 'Save connection' }).click();
  await expect.poll(() => connection.getByText('Enter the client ID.').count()).toBe(1);
  expect(await connection.getByText('Enter the client secret.').count()).toBe(1);
  await connection.getByLabel('Application (client) ID').fill('not-a-guid');
  await connection.getByRole('button', { name: 'Save connection' }).click();
  await expect.poll(() => connection.getByText(/The client ID must be .* a GUID like/).count()).toBe(1);
  expect(saves).toEqual([]);
  await screenshot(page, 'onboarding-02b-connection-errors');
  await connection.getByLabel('Application (client) ID').fill(simTenant.client_id);
  await connection.getByLabel('Client secret').fill('definitely-not-the-secret');
  await connection.getByRole('button', { name: 'Save connection' }).click();
  await expect.poll(() => steps.locator('[data-step="verification_succeeded"]').getAttribute('data-state')).toBe('current');
  await card.locator('[data-action="verify-connection"]').click();
  await expect.poll(() => card.getByTestId('last-verification').getAttribute('data-outcome'), { timeout: 30_000 }).toBe('failed');
  expect(await card.getByTestId('last-verification-reason').textContent()).toMatch(/credential|secret|refused/i);
  await expect.poll(() => page.getByText('Verification failed').count()).toBeGreaterThan(0);
  await expect.poll(() => steps.locator('[data-step="verification_succeeded"]').getAttribute('data-state')).toBe('failed');
  expect(await complete.isDisabled()).toBe(true);
  expect(await complete.getAttribute('data-disabled-reason')).toMatch(/did not succeed/);
  // The reason and the run are also on the tenant's facts, next to "App status: Error".
  expect(await page.getByTestId('app-status-reason').textContent()).toMatch(/refused/);
  await screenshot(page, 'onboarding-03-verification-failed');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'onboarding-03-verification-failed-phone');
  await page.setViewportSize({ width: 1440, height: 900 });

  // The right secret: verified, and completion opens. (First dismiss the failure notification, as a person would.)
  await page.getByRole('alert').filter({ hasText: 'Verification failed' }).getByRole('button').first().click();
  await card.getByRole('button', { name: 'Change credentials' }).click();
  await connection.getByLabel('Client secret').fill(simTenant.client_secret);
  await connection.getByRole('button', { name: 'Save connection' }).click();
  await card.getByRole('button', { name: 'Change credentials' }).waitFor();
  await card.locator('[data-action="verify-connection"]').click();
  await expect.poll(() => card.getByTestId('last-verification').getAttribute('data-outcome'), { timeout: 30_000 }).toBe('succeeded');
  await expect.poll(() => page.getByText('Connection verified').count()).toBeGreaterThan(0);
  await expect.poll(() => steps.locator('[data-step="verification_succeeded"]').getAttribute('data-state')).toBe('done');
  await screenshot(page, 'onboarding-04-verified');
  expect(await complete.getAttribute('data-disabled-reason')).toBeNull();
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'onboarding-04-verified-phone');
  await page.setViewportSize({ width: 1440, height: 900 });
  await complete.click();
  await expect.poll(() => page.locator('[data-surface="detail"] [data-lifecycle="active"]').count()).toBe(1);
  expect(await page.getByTestId('onboarding-card').count()).toBe(0);
  expect(await page.getByTestId('lifecycle-banner').count()).toBe(0);
  await screenshot(page, 'onboarding-05-active');

  // A permission missing (graph-sim refuses the app management resources with 403, as Graph does without
  // DeviceManagementApps.Read.All): the verification is partial, and the card names the permission and what needs it.
  await sim.setFault(simTenant.entra_tenant_id, { kind: 'forbidden', pathPrefix: 'deviceAppManagement' });
  await card.locator('[data-action="verify-connection"]').click();
  await expect.poll(() => card.getByTestId('last-verification').getAttribute('data-outcome'), { timeout: 30_000 }).toBe('partial');
  await expect.poll(() => page.getByText('Connection verified, permissions missing').count()).toBeGreaterThan(0);
  const missing = card.getByTestId('permission-missing');
  await expect.poll(() => missing.count()).toBe(1);
  expect(await missing.getAttribute('data-permission')).toBe('DeviceManagementApps.Read.All');
  expect(await missing.textContent()).toMatch(/Missing: DeviceManagementApps\.Read\.All — needed for App protection policy/);
  expect(await card.getByTestId('permissions-granted').textContent()).toMatch(/DeviceManagementConfiguration\.Read\.All/);
  await screenshot(page, 'onboarding-05b-permission-missing');
  await sim.clearFaults();

  // Leaving the page while a verification still runs leaves no spinner behind that would never resolve.
  await sim.setFault(simTenant.entra_tenant_id, { kind: 'slow', delayMs: 4000, count: 1 });
  await card.locator('[data-action="verify-connection"]').click();
  await page.getByText('Verifying the connection…').waitFor();
  await page.getByRole('link', { name: 'Operations', exact: true }).click();
  await page.getByText('Verification continues').waitFor();
  expect(await page.getByText('Verifying the connection…').count()).toBe(0);

  // The same Entra tenant once more (in capitals): the server's 409 shows under the field it names.
  await page.goto(`${server.url}/w/onboard/tenants`);
  await page.getByRole('button', { name: 'Create tenant' }).first().click();
  await form.getByLabel('Name').fill('Contoso again');
  await form.getByLabel('Entra tenant ID').fill(simTenant.entra_tenant_id.toUpperCase());
  await form.getByRole('button', { name: 'Create tenant' }).click();
  const entraField = form.getByLabel('Entra tenant ID');
  await expect.poll(() => entraField.getAttribute('aria-invalid')).toBe('true');
  expect(await form.getByText(/already registered in TenantAtlas/).count()).toBe(1);
  await screenshot(page, 'onboarding-06-duplicate-entra-id');
  await context.close();
});
