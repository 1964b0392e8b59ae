// Tenants in the browser: sign-in, the lifecycle presentation on the list and detail pages (all four states
// and the invalid fallback), banners, archive with confirmation and restore, and what a readonly member sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  ApiSession,
  createUser,
  createWorkspace,
  launchBrowser,
  demoOwnerPassword,
  newPage,
  onboardThroughApi,
  screenshot,
  signInThroughUi,
  startDemoServer,
  type DemoServer,
  type TestServer,
  type TestUser,
} from './harness';
import { startGraphSim, type GraphSim } from './graph-sim';

// `serve --demo` seeds one tenant per lifecycle state plus one whose stored status is corrupt ("ACTIVE "),
// which only raw SQL can produce; the demo owner signs in with this password.
const demoOwner: TestUser = { email: 'demo@tenantatlas.local', name: 'Demo Admin', password: demoOwnerPassword };
const reader: TestUser = { email: 'reader@e2e.test', name: 'Riley Reader', password: 'e2e-reader-password-1' };

interface TenantJson {
  id: number;
  name: string;
  status: string | null;
  lifecycle: { value: string | null; label: string };
}

let demo: DemoServer;
let server: TestServer;
let browser: Browser;
let api: ApiSession;
let archiveTarget: TenantJson;
let sim: GraphSim;

beforeAll(async () => {
  // A copy of the seeded demo workspace; the CLI first adds a readonly member (the embedded database has one
  // owner at a time, so before the server opens it), who also belongs to a second workspace. From then on the
  // server talks to a graph-sim of the test's own, so our own tenant can be really onboarded.
  sim = await startGraphSim(1, 'e2e-tenants');
  demo = await startDemoServer({
    beforeStart: async (dataDir) => {
      await createUser(dataDir, reader, 'demo', 'readonly');
      await createWorkspace(dataDir, 'Second Workspace', 'second');
      await createUser(dataDir, reader, 'second', 'readonly');
    },
    // Without --demo: the demo's own in-process Graph would otherwise stand in for the test's graph-sim.
    demo: false,
    env: { TENANTATLAS_GRAPH_URL: sim.url, TENANTATLAS_LOGIN_URL: sim.url },
  });
  ({ server, api } = demo);

  // An active tenant of our own to archive and restore, made through the API like the UI would.
  const me = await api.get<{ workspaces: { id: number; slug: string }[] }>('/api/me');
  const demoWorkspace = me.workspaces.find((w) => w.slug === 'demo');
  if (!demoWorkspace) throw new Error('the demo workspace is missing');
  archiveTarget = (await onboardThroughApi(api, demoWorkspace.id, { name: 'Adventure Works', domain: 'adventureworks.onmicrosoft.com' }, sim.tenants[0]!)) as unknown as TenantJson;
  expect(archiveTarget.lifecycle.value).toBe('active');

  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  await sim?.stop();
});

async function openTenant(page: Page, name: string): Promise<void> {
  await page.goto(`${server.url}/w/demo/tenants`);
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByTestId('provider-connection-card').waitFor();
}

describe('tenants', () => {
  it('signs in with a generic error first, then lands on the tenant list with every lifecycle badge', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/w/demo/tenants`);
    await page.waitForURL(/\/sign-in\?next=/);
    await screenshot(page, 'tenants-01-sign-in');

    await page.getByLabel('Email').fill(demoOwner.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toContain('email or password is not correct');
    await screenshot(page, 'tenants-02-sign-in-error');

    await page.getByLabel('Password').fill(demoOwner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back where the user wanted to go (`?next=`), with the single workspace chosen automatically.
    await page.waitForURL(`${server.url}/w/demo/tenants`);
    const table = page.getByTestId('tenants-table');
    await table.waitFor();

    const badge = (lifecycle: string) => table.locator(`[data-lifecycle="${lifecycle}"]`).first();
    expect(await badge('draft').textContent()).toBe('Draft');
    expect(await badge('onboarding').textContent()).toBe('Onboarding');
    expect(await badge('active').textContent()).toBe('Active');
    expect(await badge('archived').textContent()).toBe('Archived');
    expect(await badge('invalid').textContent()).toBe('Invalid lifecycle');
    const invalidRow = page.locator('[data-testid="tenant-row"]', { has: page.locator('[data-lifecycle="invalid"]') });
    expect(await invalidRow.getAttribute('data-tenant-name')).toBe('Litware (corrupt status)');
    expect(await page.getByTestId('workspace-name').textContent()).toBe('Contoso MSP (demo)');
    await screenshot(page, 'tenants-03-list');

    // The lifecycle filter has an option for the invalid fallback, and it lives in the URL.
    await page.getByTestId('lifecycle-filter').getByText('Invalid lifecycle').click();
    await page.waitForURL(/lifecycle=invalid/);
    await expect.poll(() => page.getByTestId('tenant-row').count()).toBe(1);
    await screenshot(page, 'tenants-04-list-filtered-invalid');
    await context.close();
  });

  it('shows the read-only banner with Restore on an archived tenant, and the raw value of a corrupt one', async () => {
    const { context, page } = await newPage(browser);
    await signInThroughUi(page, server.url, demoOwner);

    await openTenant(page, 'Tailspin Toys');
    const banner = page.getByTestId('lifecycle-banner');
    expect(await banner.getAttribute('data-banner')).toBe('archived');
    expect(await banner.textContent()).toContain('read-only');
    expect(await banner.locator('[data-action="restore"]').textContent()).toBe('Restore');
    // The detail variant: badge and short description under the name.
    expect(await page.locator('[data-surface="detail"] [data-lifecycle="archived"]').count()).toBe(1);
    await screenshot(page, 'tenants-05-archived-detail');

    await openTenant(page, 'Litware (corrupt status)');
    expect(await banner.getAttribute('data-banner')).toBe('invalid');
    expect(await page.getByTestId('raw-lifecycle-value').textContent()).toBe('"ACTIVE "');
    await screenshot(page, 'tenants-06-invalid-detail');

    await openTenant(page, 'Fabrikam Inc');
    expect(await banner.getAttribute('data-banner')).toBe('onboarding');
    expect(await banner.locator('[data-action="resume-onboarding"]').textContent()).toBe('Resume onboarding');
    // Resuming leads to the steps, and completing is refused until the connection is verified.
    expect(await page.getByTestId('onboarding-card').locator('[data-step="verification_succeeded"]').getAttribute('data-state')).toBe('current');
    expect(await page.getByTestId('onboarding-card').locator('[data-action="complete_onboarding"]').isDisabled()).toBe(true);
    await screenshot(page, 'tenants-07-onboarding-detail');

    await openTenant(page, 'Northwind Traders');
    expect(await banner.getAttribute('data-banner')).toBe('draft');
    expect(await banner.locator('[data-action="start_onboarding"]').textContent()).toBe('Start onboarding');

    // An active tenant has no banner at all.
    await openTenant(page, 'Contoso Ltd');
    expect(await banner.count()).toBe(0);
    await screenshot(page, 'tenants-08-active-detail');
    await context.close();
  });

  it('archives a tenant after confirmation and restores it from the banner', async () => {
    const { context, page } = await newPage(browser);
    await signInThroughUi(page, server.url, demoOwner);
    await openTenant(page, archiveTarget.name);

    await page.locator('[data-testid="lifecycle-actions"] [data-action="archive"]').click();
    const confirmation = page.getByTestId('lifecycle-confirmation');
    await confirmation.waitFor();
    // The dialog says what the tenant will become, in the server's own words.
    expect(await confirmation.locator('[data-lifecycle="archived"]').count()).toBe(1);
    await screenshot(page, 'tenants-09-archive-confirmation');
    await confirmation.locator('[data-confirm="archive"]').click();

    const banner = page.getByTestId('lifecycle-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-banner')).toBe('archived');
    const archived = await api.get<{ tenant: TenantJson }>(`/api/tenants/${archiveTarget.id}`);
    expect(archived.tenant.status).toBe('archived');
    await screenshot(page, 'tenants-10-archived');

    // A reload keeps the deep link and the state.
    await page.reload();
    await banner.waitFor();

    await banner.locator('[data-action="restore"]').click();
    await banner.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('[data-surface="detail"] [data-lifecycle="active"]').count()).toBe(1);
    const restored = await api.get<{ tenant: TenantJson }>(`/api/tenants/${archiveTarget.id}`);
    expect(restored.tenant.status).toBe('active');
    await screenshot(page, 'tenants-11-restored');
    await context.close();
  });

  it('creates a tenant and shows field-level errors from the server', async () => {
    const { context, page } = await newPage(browser);
    await signInThroughUi(page, server.url, demoOwner);
    await page.goto(`${server.url}/w/demo/tenants`);
    await page.getByRole('button', { name: 'Create tenant' }).click();
    const form = page.getByTestId('create-tenant-form');
    await form.waitFor();

    // Submitted empty: the server's 400 names the field and the message appears under it.
    await form.getByRole('button', { name: 'Create tenant' }).click();
    const nameInput = form.getByLabel('Name');
    await expect.poll(() => nameInput.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'tenants-12-create-validation');

    await nameInput.fill('Adatum Corporation');
    await form.getByLabel('Primary domain').fill('adatum.onmicrosoft.com');
    await form.getByRole('button', { name: 'Create tenant' }).click();
    const banner = page.getByTestId('lifecycle-banner');
    await banner.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Adatum Corporation');
    expect(await banner.getAttribute('data-banner')).toBe('draft');
    await screenshot(page, 'tenants-13-created-draft');
    await context.close();
  });

  it('lets a readonly member choose a workspace and shows lifecycle actions disabled with the reason', async () => {
    const { context, page } = await newPage(browser);
    await signInThroughUi(page, server.url, reader);
    // Member of two workspaces: the chooser comes first.
    await page.getByText('Choose a workspace').waitFor();
    await screenshot(page, 'tenants-14-workspace-chooser');
    await page.getByText('Contoso MSP (demo)').click();
    // The workspace opens on its portfolio; the tenant list is one click away.
    await page.waitForURL(`${server.url}/w/demo/portfolio`);
    await page.getByRole('link', { name: 'Tenants', exact: true }).click();
    await page.getByTestId('tenants-table').waitFor();
    expect(await page.getByRole('button', { name: 'Create tenant' }).count()).toBe(0);

    await openTenant(page, 'Contoso Ltd');
    const archive = page.locator('[data-testid="lifecycle-actions"] [data-action="archive"]');
    expect(await archive.getAttribute('data-disabled')).not.toBeNull();
    const reason = await archive.getAttribute('data-disabled-reason');
    expect(reason).toBeTruthy();
    await archive.hover();
    const tooltip = page.getByRole('tooltip');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toBe(reason);
    // Clicking does nothing: no confirmation opens.
    await archive.click({ force: true });
    expect(await page.getByTestId('lifecycle-confirmation').count()).toBe(0);
    await screenshot(page, 'tenants-15-readonly-disabled-actions');

    // The archived tenant's Restore is offered in the banner, disabled the same way.
    await openTenant(page, 'Tailspin Toys');
    const restore = page.locator('[data-testid="lifecycle-banner"] [data-action="restore"]');
    expect(await restore.getAttribute('data-disabled-reason')).toBe(reason);
    await screenshot(page, 'tenants-16-readonly-archived');
    await context.close();
  });

  it('tells a rate-limited visitor to wait instead of repeating the generic error', async () => {
    // Sign-in attempts are limited per address and email (10 a minute by default); use up this email's.
    const email = 'someone-else@e2e.test';
    let lastStatus = 0;
    for (let attempt = 0; attempt < 30 && lastStatus !== 429; attempt += 1) {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'wrong-password' }),
      });
      lastStatus = response.status;
    }
    expect(lastStatus).toBe(429);

    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toContain('Too many attempts');
    await screenshot(page, 'tenants-17-sign-in-rate-limited');
    await context.close();
  });

  it('sends a signed-out visitor of a deep link to sign-in and back', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/w/demo/tenants/${archiveTarget.id}`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('Email').fill(demoOwner.email);
    await page.getByLabel('Password').fill(demoOwner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/w/demo/tenants/${archiveTarget.id}`);
    await page.getByTestId('provider-connection-card').waitFor();

    // Signing out from the user menu ends the session.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    const me = await page.evaluate(() => fetch('/api/me').then((r) => r.status));
    expect(me).toBe(401);
    await context.close();
  });
});
