// The portfolio updates live (issue 20 item 17), as the dashboard and the operations index do: with the demo's
// portfolio open, a run another actor starts for one of its tenants shows in that tenant's row without a reload.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signInThroughUi, startDemoServer, type DemoServer } from './harness';

let demo: DemoServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchBrowser();
  ({ page } = await newPage(browser));
  await signInThroughUi(page, demo.server.url, demo.owner);
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

it("shows a run started elsewhere in the tenant's row without a reload", async () => {
  await page.goto(`${demo.server.url}/w/demo/portfolio`);
  const contoso = page.locator('[data-testid="portfolio-row"][data-tenant-name="Contoso Ltd"]');
  await contoso.waitFor();
  // A mark on this page's window: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const { run } = await demo.api.post<{ run: { id: number } }>(`/api/tenants/${demo.tenantIds.get('Contoso Ltd')}/drift/scan`, {});
  // The row's "Last scan" links to the newest scan: the one just started, once its change has arrived.
  await expect.poll(() => contoso.locator(`a[href="/operations/${run.id}"]`).count(), { timeout: 30_000 }).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
});
