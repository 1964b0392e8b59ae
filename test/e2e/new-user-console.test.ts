// What a new user saw in the demo (issue 20, items 18–22), at desktop (1440×900) and phone (390×844) width: the
// newest-runs table fits its card, the inventory tabs share one row on a phone, failure messages can be read
// whole, a sync that read nothing does not claim what it read was covered, the last owner's Remove is disabled
// with its reason, a reopened finding is open (not acknowledged), triage keeps focus on its button without a
// tooltip over the title, every page has one h1, and the close-finding dialog names its close button, starts on
// its first field and gives focus back to the button that opened it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousA11yViolations } from './accessibility';
import { launchBrowser, signInThroughUi, startDemoServer, type DemoServer } from './harness';

let demo: DemoServer;
let browser: Browser;
let signedInState: Awaited<ReturnType<BrowserContext['storageState']>>;

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchBrowser();
  const context = await browser.newContext();
  await signInThroughUi(await context.newPage(), demo.server.url, demo.owner);
  signedInState = await context.storageState();
  await context.close();
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

async function openPage(width: number, height: number, path: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, bypassCSP: true, storageState: signedInState });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto(demo.server.url + path);
  return { context, page };
}

const tenant = (name: string) => `/w/demo/tenants/${demo.tenantIds.get(name)}`;
const runsOf = (name: string, type: string) =>
  demo.api.get<{ runs: Array<{ id: number; outcome: string | null }> }>(`/api/tenants/${demo.tenantIds.get(name)}/operations?type=${type}`).then((r) => r.runs);

describe('layout', () => {
  it("fits the dashboard's newest runs in their card at 1440 px (Duration readable)", async () => {
    const { context, page } = await openPage(1440, 900, tenant('Contoso Ltd'));
    const card = page.getByTestId('recent-runs');
    await card.getByTestId('run-row').first().waitFor();
    const sizes = await card.getByTestId('runs-table').evaluate((table) => {
      const container = table.closest('.mantine-ScrollArea-viewport, .mantine-TableScrollContainer-scrollContainer') ?? table.parentElement!;
      return { scrollWidth: container.scrollWidth, clientWidth: container.clientWidth };
    });
    expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.clientWidth);
    await context.close();
  });

  it('shows every inventory tab on one row at 390 px', async () => {
    const { context, page } = await openPage(390, 844, `${tenant('Contoso Ltd')}/inventory/items`);
    const tabs = page.getByRole('tablist', { name: 'Inventory pages' }).getByRole('tab');
    await tabs.first().waitFor();
    const boxes = await tabs.evaluateAll((elements) => elements.map((tab) => tab.getBoundingClientRect().toJSON() as DOMRect));
    expect(boxes).toHaveLength(3);
    for (const box of boxes) {
      expect(box.top).toBe(boxes[0]!.top);
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(390);
    }
    await context.close();
  });
});

describe('run viewer', () => {
  it('reads a failure message whole at 390 px and says a sync that read nothing read nothing', async () => {
    const failed = (await runsOf('Woodgrove Bank', 'inventory.sync')).find((run) => run.outcome === 'failed')!;
    const { context, page } = await openPage(390, 844, `/operations/${failed.id}`);
    const failures = page.getByTestId('failures');
    const message = failures.getByTestId('failure-message').first();
    await message.waitFor();
    const fits = await failures.evaluate((card) => {
      const text = card.querySelector('[data-testid=failure-message]')!.getBoundingClientRect();
      return text.right <= card.getBoundingClientRect().right;
    });
    expect(fits).toBe(true);
    const sentence = await page.getByTestId('run-skipped-families').textContent();
    expect(sentence).not.toContain('Every policy read belongs to a covered type');
    expect(sentence).toMatch(/No policy was read/);
    await context.close();
  });

  it('opens a cut failure message whole from the runs table', async () => {
    const { context, page } = await openPage(1440, 900, `${tenant('Contoso Ltd')}/operations`);
    // Its name changes to "Show less" once open: found by what it is, not by its name.
    const toggle = page.getByTestId('run-result').locator('button[aria-expanded]').first();
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    // The row did not navigate away, and the message is no longer cut.
    expect(new URL(page.url()).pathname).toMatch(/\/operations$/);
    const whole = await page.getByTestId('run-result-message').first().evaluate((el) => el.scrollHeight <= el.clientHeight + 1);
    expect(whole).toBe(true);
    await context.close();
  });
});

describe('members', () => {
  it("disables the last owner's Remove and role with the server's reason", async () => {
    const { members } = await demo.api.get<{ members: Array<{ email: string; disabled_reasons: { remove: string | null; change_role: string | null } }> }>(
      `/api/workspaces/${(await demo.api.get<{ workspaces: Array<{ id: number }> }>('/api/me')).workspaces[0]!.id}/members`,
    );
    const owner = members.find((member) => member.email === demo.owner.email)!;
    expect(owner.disabled_reasons.remove).toMatch(/last owner/);
    const { context, page } = await openPage(1440, 900, '/w/demo/members');
    const row = page.getByTestId('member-row').filter({ hasText: demo.owner.email });
    const remove = row.locator('[data-action=remove-member]');
    await remove.waitFor();
    expect(await remove.getAttribute('aria-disabled')).toBe('true');
    await remove.hover();
    await expect.poll(() => page.getByRole('tooltip').textContent()).toMatch(/last owner/);
    await context.close();
  });
});

describe('triage', () => {
  it('keeps focus on the button, shows no tooltip it was not asked for, and a reopened finding is open again', async () => {
    const { findings } = await demo.api.get<{ findings: Array<{ id: number; status: string }> }>(`/api/tenants/${demo.tenantIds.get('Contoso Ltd')}/findings?status=open`);
    const { context, page } = await openPage(1440, 900, `${tenant('Contoso Ltd')}/findings/${findings[0]!.id}`);
    const acknowledge = page.locator('[data-action=finding-acknowledge]');
    await acknowledge.click();
    await page.getByTestId('triage-outcome').filter({ hasText: 'acknowledged' }).waitFor();
    await expect.poll(() => acknowledge.getAttribute('aria-disabled')).toBe('true');
    expect(await acknowledge.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await page.getByRole('tooltip').count()).toBe(0);

    await page.locator('[data-action=finding-close]').click();
    await page.locator('[data-confirm=finding-close]').click();
    await page.getByTestId('triage-outcome').filter({ hasText: 'closed' }).waitFor();
    await page.locator('[data-action=finding-reopen]').click();
    await page.getByTestId('triage-outcome').filter({ hasText: 'reopened' }).waitFor();
    await expect.poll(() => page.getByTestId('finding-status').first().textContent()).toBe('Open');
    await context.close();
  });
});

describe('accessibility', () => {
  it.each(['/w/demo/tenants', '/w/demo/members', '/w/demo/portfolio', '/account'])('%s has exactly one h1', async (path) => {
    const { context, page } = await openPage(1440, 900, path);
    await page.locator('h1').first().waitFor();
    expect(await page.locator('h1').count()).toBe(1);
    await context.close();
  });

  it('the close-finding dialog: named close button, first focus on its form, focus back to its opener', async () => {
    const { findings } = await demo.api.get<{ findings: Array<{ id: number }> }>(`/api/tenants/${demo.tenantIds.get('Contoso Ltd')}/findings?status=open`);
    const { context, page } = await openPage(1440, 900, `${tenant('Contoso Ltd')}/findings/${findings.at(-1)!.id}`);
    const opener = page.locator('[data-action=finding-close]');
    await opener.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('close-finding-form').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[role=dialog]') !== null)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('mantine-Modal-close'))).toBe(false);
    expect(await dialog.getByRole('button', { name: /close/i }).first().getAttribute('aria-label')).toBeTruthy();
    const violations = await seriousA11yViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => opener.evaluate((button) => button === document.activeElement)).toBe(true);
    await context.close();
  });
});
