// The demo workspace's drift in the browser (issue 7): the portfolio as the landing page with its filters and
// sort in the URL, a demo tenant's dashboard with drift a real scan found, "Needs attention" followed to the
// filtered findings and to a failed run, the last scan's gap on the run viewer, and a finding's diff.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot, signInThroughUi, startDemoServer, type DemoServer, type TestServer } from './harness';

let demo: DemoServer;
let server: TestServer;
let browser: Browser;
let page: Page;
let tenantIds: Map<string, number>;

beforeAll(async () => {
  demo = await startDemoServer();
  ({ server, tenantIds } = demo);
  browser = await launchBrowser();
  ({ page } = await newPage(browser));
  await signInThroughUi(page, server.url, demo.owner);
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const rowNames = (target: Page) => target.getByTestId('portfolio-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-tenant-name')));

it('lands on the portfolio: every tenant with its drift, filtered and sorted through the URL', async () => {
  await page.goto(server.url);
  await page.waitForURL(/\/w\/demo\/portfolio$/);
  await expect.poll(() => page.getByTestId('portfolio-row').count()).toBe(6);
  const contoso = page.locator('[data-testid="portfolio-row"][data-tenant-name="Contoso Ltd"]');
  expect(await contoso.getByTestId('portfolio-open').getAttribute('data-open-total')).toBe('3');
  expect(await contoso.getByTestId('portfolio-open').textContent()).toBe('1 critical2 high');
  const woodgrove = page.locator('[data-testid="portfolio-row"][data-tenant-name="Woodgrove Bank"]');
  expect(await woodgrove.getByTestId('portfolio-stale').textContent()).toBe('Never scanned');
  await screenshot(page, 'portfolio');

  await page.locator('label', { hasText: 'Needs attention' }).click();
  await page.waitForURL(/needs_attention=true/);
  await expect.poll(() => rowNames(page)).toEqual(['Contoso Ltd', 'Woodgrove Bank']);
  await page.locator('[data-sort-column="open_findings"]').click();
  await page.waitForURL(/sort=open_findings/);
  await expect.poll(() => page.locator('th[aria-sort="descending"]').textContent()).toContain('Open findings');
  await page.reload();
  await expect.poll(() => rowNames(page)).toEqual(['Contoso Ltd', 'Woodgrove Bank']);
  expect(await page.getByLabel('Needs attention').isChecked()).toBe(true);
});

it("follows a demo tenant's Needs attention to the filtered findings, and another's to its failed run", async () => {
  await page.goto(server.url + '/w/demo/portfolio');
  await page.getByRole('link', { name: 'Contoso Ltd' }).click();
  await page.waitForURL(new RegExp(`/tenants/${tenantIds.get('Contoso Ltd')}$`));
  await expect.poll(() => page.getByTestId('kpi-open-critical').textContent()).toBe('1');
  expect(await page.getByTestId('kpi-open-high').textContent()).toBe('2');
  // The activity names what each run was started for, in words.
  await page.getByText(/^Inventory sync of /).first().waitFor();
  expect(await page.getByText('[object Object]').count()).toBe(0);
  await screenshot(page, 'dashboard-contoso');
  const critical = page.locator('[data-testid="attention-item"][data-kind="open_findings"]').first();
  expect(await critical.textContent()).toContain('1 open critical finding');
  await critical.getByRole('link').click();
  await page.waitForURL(/\/findings\?status=open&severity=critical$/);
  await expect.poll(() => page.getByTestId('finding-row').count()).toBe(1);
  expect(await page.getByTestId('finding-row').textContent()).toContain('Missing policy');
  expect(await page.getByTestId('findings-scope').textContent()).toBe('Showing open critical findings.');

  await page.goto(server.url + `/w/demo/tenants/${tenantIds.get('Woodgrove Bank')}`);
  // Its failed verification is listed too; the sync's item links to the sync.
  const failed = page.locator('[data-testid="attention-item"][data-kind="failed_run"]').filter({ hasText: 'Inventory sync' });
  await expect.poll(() => failed.textContent()).toContain('Inventory sync failed in the last 7 days');
  expect(await page.locator('[data-testid="attention-item"][data-kind="stale_drift"]').textContent()).toContain('Drift has never been scanned');
  await failed.getByRole('link').click();
  await page.waitForURL(/\/operations\/\d+$/);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toContain('Inventory sync');
  expect(await page.getByTestId('referenced-tenant').textContent()).toContain('Woodgrove Bank');
});

it("shows the last scan's gap in words on the run viewer, and a changed policy's diff", async () => {
  await page.goto(server.url + `/w/demo/tenants/${tenantIds.get('Contoso Ltd')}/operations?type=drift.scan`);
  await page.getByTestId('run-row').first().getByRole('link').first().click();
  await page.waitForURL(/\/operations\/\d+$/);
  await expect.poll(() => page.getByTestId('drift-scan-gaps').textContent()).toContain('Not compared: Windows driver update profile, because its last sync failed (graph.forbidden).');
  await screenshot(page, 'drift-scan-run-viewer');

  await page.goto(server.url + `/w/demo/tenants/${tenantIds.get('Contoso Ltd')}/findings?kind=changed_policy&status=open`);
  await expect.poll(() => page.getByTestId('finding-row').count()).toBe(1);
  await page.getByTestId('finding-row').getByRole('link').click();
  await page.waitForURL(/\/findings\/\d+$/);
  const row = page.getByTestId('diff-row');
  await row.waitFor();
  expect(await row.getAttribute('data-path')).toBe('settings[device_vendor_msft_policy_config_remotedesktopservices_donotallowpasswordsaving].settingInstance.choiceSettingValue.value');
  // Changed, not added or removed: the words say it, not only the colour.
  expect(await row.locator('td').nth(1).textContent()).toBe('Changed');
  const [baseline, current] = [await row.locator('[data-side="baseline"]').textContent(), await row.locator('[data-side="current"]').textContent()];
  expect(baseline).not.toBe(current);
  await screenshot(page, 'finding-diff-demo');
});
