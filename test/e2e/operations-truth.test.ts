// The operations pages tell the truth where the user looks (issue 11): why a run failed, in the table; KPI
// tiles that open the tab they count; a run retried through throttling shows its retries; a cancelled run
// names who cancelled it and does not look like a completed one; an empty filtered list says other runs exist;
// tab counts say which filter they reflect. On the demo workspace, whose runs really executed.
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

const operationsOf = (name: string) => `${server.url}/w/demo/tenants/${tenantIds.get(name)}/operations`;

it('shows why a run failed in the table, and the failed KPI opens the Failed tab', async () => {
  await page.goto(operationsOf('Woodgrove Bank'));
  const row = page.getByTestId('run-row').first();
  await expect.poll(() => row.getByTestId('run-result').textContent()).toMatch(/secret|credential|sign/i);
  await screenshot(page, 'operations-failure-reason');
  await page.locator('[data-kpi="failed_or_partial_7d"]').click();
  await page.waitForURL(/tab=failed/);
  await expect.poll(() => page.getByRole('tab', { name: /Failed/ }).getAttribute('aria-selected')).toBe('true');
  // Its refused verification and the sync that failed the same way.
  expect(await page.getByTestId('tab-count-failed').textContent()).toBe('2');
  await expect.poll(() => page.getByTestId('run-row').count()).toBe(2);
});

it('says which filter the tab counts reflect, and an empty type filter says other runs exist', async () => {
  // Tailspin was verified and synced before it was archived, never scanned.
  await page.goto(operationsOf('Tailspin Toys'));
  await expect.poll(() => page.getByTestId('tab-counts-scope').textContent()).toContain('all types');
  await page.goto(`${operationsOf('Tailspin Toys')}?type=drift.scan`);
  const empty = page.getByTestId('empty-state');
  await expect.poll(() => empty.textContent()).toContain('2 runs of all types exist');
  expect(await empty.textContent()).not.toMatch(/no operations have run/i);
  // The type's label arrives with the run types (its own request): what the page settles on.
  await expect.poll(() => page.getByTestId('tab-counts-scope').textContent()).toContain('Drift scan runs only');
  await screenshot(page, 'operations-empty-type-filter');
  await page.getByRole('button', { name: 'Show all types' }).click();
  await expect.poll(() => page.getByTestId('run-row').count()).toBe(2);
});

it('shows the retries of a throttled run and who cancelled a cancelled one, distinct from completed', async () => {
  // Contoso's ten runs: four verifications, three syncs, a baseline capture and two scans.
  await page.goto(operationsOf('Contoso Ltd'));
  await expect.poll(() => page.getByTestId('run-row').count()).toBe(10);
  const retried = page.getByTestId('run-row').filter({ has: page.getByTestId('run-retries') });
  expect(await retried.count()).toBe(1);
  expect(await retried.getByTestId('run-retries').textContent()).toContain('Retried 1× (429 ×1)');

  const cancelled = page.getByTestId('run-row').filter({ has: page.locator('[data-testid="run-outcome"][data-value="cancelled"]') });
  expect(await cancelled.getByTestId('run-result').textContent()).toContain('Cancelled by Demo Admin');
  const statusBadge = cancelled.getByTestId('run-status');
  const outcomeBadge = cancelled.getByTestId('run-outcome');
  expect(await statusBadge.textContent()).toBe('Completed');
  expect(await outcomeBadge.textContent()).toBe('Cancelled');
  // Outlined status, filled outcome, each with its own icon: they never look the same.
  const look = (badge: typeof statusBadge) => badge.evaluate((el) => `${getComputedStyle(el).backgroundColor}|${el.querySelector('svg')?.getAttribute('class')}`);
  expect(await look(statusBadge)).not.toBe(await look(outcomeBadge));

  await cancelled.getByRole('link').first().click();
  await page.waitForURL(/\/operations\/\d+$/);
  await expect.poll(() => page.getByTestId('run-facts').textContent()).toContain('Cancelled byDemo Admin');
  // Said once, in words: the raw id is not repeated in the context card.
  expect(await page.getByTestId('run-context').textContent()).not.toContain('cancelled_by_user_id');
  await screenshot(page, 'run-viewer-cancelled');
  await page.goBack();
  await retried.getByRole('link').first().click();
  await page.waitForURL(/\/operations\/\d+$/);
  await expect.poll(() => page.locator('[data-testid="run-facts"] [data-testid="run-retries"]').textContent()).toContain('Retried 1× (429 ×1)');
});

it('keeps every key fact readable at phone width: cards, no sideways scrolling, no truncated badge', async () => {
  const { context, page: phone } = await newPage(browser);
  await phone.setViewportSize({ width: 390, height: 844 });
  await signInThroughUi(phone, server.url, demo.owner);
  await phone.goto(operationsOf('Woodgrove Bank'));
  await phone.getByTestId('runs-cards').waitFor();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  const truncated = await phone.evaluate(() =>
    [...document.querySelectorAll('[data-testid="run-status"], [data-testid="run-outcome"]')].filter((badge) => {
      const label = badge.querySelector('.mantine-Badge-label') as HTMLElement | null;
      return label !== null && label.scrollWidth > label.clientWidth + 1;
    }).length,
  );
  expect(truncated).toBe(0);
  expect(await phone.getByTestId('run-result').first().textContent()).toMatch(/secret|credential|sign/i);
  await screenshot(phone, 'operations-phone');
  await context.close();
});

it('sorts the runs table by a column, saying so to assistive technology, and copies a run id in one click', async () => {
  await page.goto(operationsOf('Contoso Ltd'));
  await expect.poll(() => page.getByTestId('run-row').count()).toBe(10);
  const header = page.locator('th', { has: page.locator('[data-sort-column="outcome"]') });
  expect(await header.getAttribute('aria-sort')).toBe('none');
  await page.locator('[data-sort-column="outcome"]').click();
  expect(await header.getAttribute('aria-sort')).toBe('ascending');
  const outcomes = await page.locator('[data-testid="run-row"] [data-testid="run-outcome"]').allTextContents();
  expect(outcomes).toEqual([...outcomes].sort((a, b) => a.localeCompare(b)));
  await page.locator('[data-sort-column="outcome"]').click();
  expect(await header.getAttribute('aria-sort')).toBe('descending');

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.getByTestId('run-row').first().getByRole('link').first().click();
  await page.waitForURL(/\/operations\/(\d+)$/);
  const runId = /\/operations\/(\d+)$/.exec(page.url())![1]!;
  await page.getByRole('button', { name: 'Copy run ID' }).click();
  await page.getByRole('button', { name: 'run ID copied' }).waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(runId);
});
