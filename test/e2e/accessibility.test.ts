// axe-core on every page of the console, at desktop (1440×900) and phone (390×844) width: signed out, the
// workspace chooser, the tenant list, a tenant in each lifecycle state (and the invalid fallback), operations,
// the run viewer, the portfolio, the tenant dashboard, findings and a finding's diff, a failed load, and not-found pages. Zero serious or critical WCAG 2.1 A/AA violations, and
// every page has its own title. On the demo workspace (every lifecycle state, real runs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seriousA11yViolations } from './accessibility';
import { launchBrowser, screenshot, signInThroughUi, startDemoServer, type DemoServer, type TestServer } from './harness';

let demo: DemoServer;
let server: TestServer;
let browser: Browser;
let tenantIds: Map<string, number>;
let itemId = 0;
let runId: number;
let scanRunId: number;
let changedFindingId: number;
// One sign-in for the whole walk (the sign-in limits would rightly slow down dozens of them); each page then
// gets a fresh context carrying that session.
let signedInState: Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>>;

beforeAll(async () => {
  demo = await startDemoServer();
  ({ server, tenantIds } = demo);
  const { api } = demo;
  const { runs } = await api.get<{ runs: Array<{ id: number }> }>(`/api/tenants/${tenantIds.get('Contoso Ltd')}/operations?type=inventory.sync`);
  runId = runs[0]!.id;
  const scans = await api.get<{ runs: Array<{ id: number }> }>(`/api/tenants/${tenantIds.get('Contoso Ltd')}/operations?type=drift.scan`);
  scanRunId = scans.runs[0]!.id;
  const { findings } = await api.get<{ findings: Array<{ id: number; kind: string; status: string }> }>(`/api/tenants/${tenantIds.get('Contoso Ltd')}/findings?kind=changed_policy`);
  changedFindingId = findings.find((finding) => finding.status === 'open')!.id;
  const { items } = await api.get<{ items: Array<{ id: number }> }>(`/api/tenants/${tenantIds.get('Contoso Ltd')}/inventory/items?policy_type=settingsCatalogPolicy`);
  itemId = items[0]!.id;
  browser = await launchBrowser();
  const context = await browser.newContext();
  await signInThroughUi(await context.newPage(), server.url, demo.owner);
  signedInState = await context.storageState();
  await context.close();
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

interface PageCase {
  name: string;
  path: () => string;
  signedIn: boolean;
  /** Something on the page that proves it rendered (not a loader). */
  ready: (page: Page) => Promise<unknown>;
  /** Arrange the browser before navigating (e.g. make a request fail). */
  arrange?: (page: Page) => Promise<void>;
}

const tenantPage = (name: string) => `/w/demo/tenants/${tenantIds.get(name)}`;
const heading = (text: string | RegExp) => (page: Page) => page.getByRole('heading', { name: text }).first().waitFor();

const cases: PageCase[] = [
  { name: 'sign-in', path: () => '/sign-in', signedIn: false, ready: (page) => page.getByLabel('Email').waitFor() },
  { name: 'tenant-list', path: () => '/w/demo/tenants', signedIn: true, ready: heading('Tenants') },
  { name: 'members', path: () => '/w/demo/members', signedIn: true, ready: (page) => page.getByTestId('member-row').first().waitFor() },
  { name: 'audit', path: () => '/w/demo/audit', signedIn: true, ready: (page) => page.getByTestId('audit-row').first().waitFor() },
  { name: 'account', path: () => '/account', signedIn: true, ready: (page) => page.getByTestId('tokens-card').waitFor() },
  { name: 'invitation-invalid', path: () => '/invitations/not-a-real-link', signedIn: false, ready: (page) => page.getByTestId('invitation-problem').waitFor() },
  { name: 'portfolio', path: () => '/w/demo/portfolio', signedIn: true, ready: (page) => page.getByTestId('portfolio-row').first().waitFor() },
  { name: 'findings', path: () => `${tenantPage('Contoso Ltd')}/findings?status=open`, signedIn: true, ready: (page) => page.getByTestId('finding-row').first().waitFor() },
  { name: 'finding-diff', path: () => `${tenantPage('Contoso Ltd')}/findings/${changedFindingId}`, signedIn: true, ready: (page) => page.getByTestId('diff-row').first().waitFor() },
  { name: 'findings-empty', path: () => `${tenantPage('Woodgrove Bank')}/findings`, signedIn: true, ready: (page) => page.getByTestId('empty-state').waitFor() },
  { name: 'run-viewer-drift-scan', path: () => `/operations/${scanRunId}`, signedIn: true, ready: (page) => page.getByTestId('drift-scan-gaps').waitFor() },
  { name: 'tenant-active', path: () => tenantPage('Contoso Ltd'), signedIn: true, ready: heading('Contoso Ltd') },
  // App status "Error" says why, with the run that set it.
  { name: 'tenant-active-app-error', path: () => tenantPage('Woodgrove Bank'), signedIn: true, ready: (page) => page.getByTestId('app-status-reason').waitFor() },
  { name: 'tenant-onboarding', path: () => tenantPage('Fabrikam Inc'), signedIn: true, ready: heading('Fabrikam Inc') },
  { name: 'tenant-draft', path: () => tenantPage('Northwind Traders'), signedIn: true, ready: heading('Northwind Traders') },
  { name: 'tenant-archived', path: () => tenantPage('Tailspin Toys'), signedIn: true, ready: heading('Tailspin Toys') },
  { name: 'tenant-invalid', path: () => tenantPage('Litware (corrupt status)'), signedIn: true, ready: heading('Litware (corrupt status)') },
  { name: 'operations', path: () => `${tenantPage('Contoso Ltd')}/operations`, signedIn: true, ready: (page) => page.getByTestId('run-row').first().waitFor() },
  { name: 'inventory-items', path: () => `${tenantPage('Contoso Ltd')}/inventory/items`, signedIn: true, ready: (page) => page.getByTestId('item-row').first().waitFor() },
  { name: 'inventory-item', path: () => `${tenantPage('Contoso Ltd')}/inventory/items/${itemId}`, signedIn: true, ready: (page) => page.getByTestId('item-settings').waitFor() },
  { name: 'inventory-sync-runs', path: () => `${tenantPage('Contoso Ltd')}/inventory/sync-runs`, signedIn: true, ready: (page) => page.getByTestId('sync-run-row').first().waitFor() },
  { name: 'inventory-coverage', path: () => `${tenantPage('Contoso Ltd')}/inventory/coverage`, signedIn: true, ready: (page) => page.getByTestId('coverage-row').first().waitFor() },
  { name: 'inventory-empty', path: () => `${tenantPage('Fabrikam Inc')}/inventory/items`, signedIn: true, ready: (page) => page.getByTestId('empty-state').waitFor() },
  { name: 'run-viewer', path: () => `/operations/${runId}`, signedIn: true, ready: (page) => page.getByTestId('run-facts').waitFor() },
  { name: 'tenant-not-found', path: () => '/w/demo/tenants/999999', signedIn: true, ready: (page) => page.getByTestId('not-found').waitFor() },
  { name: 'page-not-found', path: () => '/no/such/page', signedIn: true, ready: (page) => page.getByTestId('not-found').waitFor() },
  {
    name: 'load-error',
    path: () => tenantPage('Contoso Ltd'),
    signedIn: true,
    arrange: async (page) => {
      await page.route(/\/api\/tenants\/\d+$/, (route) =>
        route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'The server is busy.' } }) }),
      );
    },
    ready: (page) => page.getByRole('button', { name: 'Retry' }).waitFor(),
  },
];

const widths = [
  { label: 'desktop', width: 1440, height: 900 },
  { label: 'phone', width: 390, height: 844 },
];

describe.each(widths)('accessibility at $label width', ({ label, width, height }) => {
  it.each(cases)('$name has no serious or critical violations and its own title', async (pageCase) => {
    // bypassCSP only lets axe's script in; the console's own policy is tested in security-headers.test.ts.
    const context = await browser.newContext({ viewport: { width, height }, bypassCSP: true, ...(pageCase.signedIn ? { storageState: signedInState } : {}) });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    try {
      await pageCase.arrange?.(page);
      await page.goto(server.url + pageCase.path());
      await pageCase.ready(page);
      const violations = await seriousA11yViolations(page);
      await screenshot(page, `a11y-${pageCase.name}-${label}`);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      // No badge label is cut off ("Onboard…", "Invalid li…"): a person must read the whole state.
      const truncatedBadges = await page.evaluate(() =>
        [...document.querySelectorAll('.mantine-Badge-label')]
          .filter((label) => (label as HTMLElement).scrollWidth > (label as HTMLElement).clientWidth + 1)
          .map((label) => label.textContent),
      );
      expect(truncatedBadges).toEqual([]);
      const title = await page.title();
      expect(title).toMatch(/ · TenantAtlas$/);
      expect(title).not.toBe('TenantAtlas');
    } finally {
      await context.close();
    }
  });

  it('gives every page a different title', async () => {
    const context = await browser.newContext({ viewport: { width, height }, storageState: signedInState });
    const page = await context.newPage();
    const titles = new Set<string>();
    for (const pageCase of cases.filter((c) => c.signedIn && !c.arrange && !c.name.includes('not-found'))) {
      await page.goto(server.url + pageCase.path());
      await pageCase.ready(page);
      await expect.poll(() => page.title()).not.toBe('TenantAtlas');
      titles.add(await page.title());
    }
    expect(titles.size).toBe(cases.filter((c) => c.signedIn && !c.arrange && !c.name.includes('not-found')).length);
    await context.close();
  });
});
