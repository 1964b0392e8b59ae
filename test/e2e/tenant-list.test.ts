// The paged tenant list in the browser (issue 9): 50 at a time with "Load more", server-side search and
// lifecycle chips whose counts come from the server, the header's selector searching the server too, and
// readable cards at phone width.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ApiSession, createUser, createWorkspace, launchBrowser, makeDataDir, newPage, removeDataDir, screenshot, signInThroughUi, startServer, type TestServer, type TestUser } from './harness';

const manager: TestUser = { email: 'manager@list.e2e', name: 'Mia Manager', password: 'list-manager-password-1' };
let dataDir: string;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  dataDir = await makeDataDir();
  const workspace = await createWorkspace(dataDir, 'Many Tenants', 'many');
  await createUser(dataDir, manager, 'many', 'manager');
  server = await startServer(dataDir);
  const api = await ApiSession.signIn(server.url, manager);
  for (let i = 1; i <= 62; i += 1) {
    const { tenant } = await api.post<{ tenant: { id: number } }>(`/api/workspaces/${workspace.id}/tenants`, {
      name: `Tenant ${String(i).padStart(2, '0')}`,
      domain: `tenant${i}.onmicrosoft.com`,
    });
    if (i % 10 === 0) await api.post(`/api/tenants/${tenant.id}/lifecycle`, { action: 'start_onboarding' });
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await removeDataDir(dataDir);
});

it('shows 50 of 62, loads the rest, and searches and filters on the server', async () => {
  const { context, page } = await newPage(browser);
  await signInThroughUi(page, server.url, manager);
  await page.goto(`${server.url}/w/many/tenants`);
  await expect.poll(() => page.getByTestId('tenant-row').count()).toBe(50);
  expect(await page.getByTestId('tenant-list-count').textContent()).toBe('Showing 50 of 62');
  await page.getByTestId('load-more-tenants').click();
  await expect.poll(() => page.getByTestId('tenant-row').count()).toBe(62);
  expect(await page.getByTestId('load-more-tenants').count()).toBe(0);

  await page.getByLabel('Search tenants').fill('tenant1');
  await page.waitForURL(/q=tenant1/);
  // tenant1.onmicrosoft.com and tenant10…19 by domain, "Tenant 1x" does not match "tenant1" by name.
  await expect.poll(() => page.getByTestId('tenant-row').count()).toBe(11);
  expect(await page.getByTestId('tenant-list-count').textContent()).toBe('Showing 11 of 11');
  await screenshot(page, 'tenant-list-search');

  await page.getByTestId('lifecycle-filter').getByText('Onboarding').click();
  await page.waitForURL(/lifecycle=onboarding/);
  await expect.poll(() => page.getByTestId('tenant-row').count()).toBe(1);
  expect(await page.locator('[data-tenant-name="Tenant 10"]').count()).toBe(1);
  await context.close();
});

it('searches on the server and loads the next page of the search, appended below in the server\'s order', async () => {
  const { context, page } = await newPage(browser);
  await signInThroughUi(page, server.url, manager);
  await page.goto(`${server.url}/w/many/tenants`);
  await page.getByTestId('tenant-row').first().waitFor();
  // Every tenant's domain ends in onmicrosoft.com: the search matches all 62, more than a page.
  await page.getByLabel('Search tenants').fill('ONMICROSOFT');
  await page.waitForURL(/q=ONMICROSOFT/);
  await expect.poll(() => page.getByTestId('tenant-list-count').textContent()).toBe('Showing 50 of 62');
  const names = () => page.getByTestId('tenant-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-tenant-name')));
  const first = await names();
  expect(first.at(-1)).toBe('Tenant 50');
  expect(await page.getByTestId('load-more-tenants').textContent()).toBe('Load 12 more (12 not shown yet)');

  // Sorting by another column sorts only what is loaded, and the table says so.
  await page.locator('[data-sort-column="created"]').click();
  await expect.poll(() => page.getByTestId('tenant-sort-note').textContent()).toBe('Sorted among the 50 tenants loaded so far; 12 more are not loaded yet.');
  await page.locator('[data-sort-column="name"]').click();
  expect(await page.getByTestId('tenant-sort-note').count()).toBe(0);

  await page.getByTestId('load-more-tenants').click();
  await expect.poll(() => page.getByTestId('tenant-row').count()).toBe(62);
  const all = await names();
  expect(all.slice(0, 50)).toEqual(first);
  expect(all.slice(50)).toEqual(Array.from({ length: 12 }, (_, i) => `Tenant ${String(51 + i)}`));
  expect(await page.getByTestId('tenant-list-count').textContent()).toBe('Showing 62 of 62');
  expect(await page.getByTestId('load-more-tenants').count()).toBe(0);
  await screenshot(page, 'tenant-list-search-next-page');
  await context.close();
});

it('lets the header selector find a tenant beyond the first page by asking the server', async () => {
  const { context, page } = await newPage(browser);
  await signInThroughUi(page, server.url, manager);
  await page.goto(`${server.url}/w/many/tenants`);
  const selector = page.getByTestId('tenant-selector');
  await selector.click();
  // It lists the first 20 and says how many there are, rather than loading all 62.
  await page.getByText('First 20 of 62 · type to search').waitFor();
  expect(await page.getByRole('option').count()).toBe(20);
  await selector.fill('Tenant 61');
  await page.getByRole('option', { name: /Tenant 61/ }).click();
  await page.waitForURL(/\/tenants\/\d+$/);
  await page.getByRole('heading', { name: 'Tenant 61' }).waitFor();
  await context.close();
});

it('turns the list into cards at phone width, with nothing cut off', async () => {
  const { context, page } = await newPage(browser);
  await page.setViewportSize({ width: 390, height: 844 });
  await signInThroughUi(page, server.url, manager);
  await page.goto(`${server.url}/w/many/tenants`);
  await page.getByTestId('tenants-cards').waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await screenshot(page, 'tenant-list-phone');
  await context.close();
});
