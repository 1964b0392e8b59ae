// Workspace administration in the browser (issue 8): an owner adds a colleague who has an account, changes their
// role, invites someone new whose link creates their account, sees each change in the audit trail, and creates and
// revokes an API token; a readonly member sees the members with every change refused and why.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createUser, createWorkspace, launchBrowser, makeDataDir, newPage, removeDataDir, screenshot, signInThroughUi, startServer, type TestServer, type TestUser } from './harness';

const owner: TestUser = { email: 'owner@admin.e2e', name: 'Olga Owner', password: 'admin-owner-password-1' };
const reader: TestUser = { email: 'reader@admin.e2e', name: 'Rui Reader', password: 'admin-reader-password-1' };
const colleague: TestUser = { email: 'colleague@admin.e2e', name: 'Cleo Colleague', password: 'admin-colleague-password-1' };

let dataDir: string;
let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dataDir = await makeDataDir();
  await createWorkspace(dataDir, 'Admin E2E', 'admin');
  await createWorkspace(dataDir, 'Elsewhere', 'elsewhere');
  await createUser(dataDir, owner, 'admin', 'owner');
  await createUser(dataDir, reader, 'admin', 'readonly');
  await createUser(dataDir, colleague, 'elsewhere', 'operator');
  server = await startServer(dataDir);
  browser = await launchBrowser();
  ({ page } = await newPage(browser));
  await signInThroughUi(page, server.url, owner);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await removeDataDir(dataDir);
});

const memberRow = (target: Page, email: string) => target.locator(`[data-testid="member-row"][data-email="${email}"]`);

it('adds a colleague with an account and changes their role, each outcome told where it was done', async () => {
  await page.goto(`${server.url}/w/admin/members`);
  await page.getByTestId('members-table').waitFor();
  const form = page.getByTestId('add-member');
  await form.getByLabel('Email').fill(colleague.email);
  await form.getByRole('button', { name: 'Add person' }).click();
  await expect.poll(() => page.getByTestId('add-member-outcome').textContent()).toBe('Cleo Colleague joined as operator.');
  await memberRow(page, colleague.email).waitFor();

  await page.getByRole('textbox', { name: 'Role of Cleo Colleague' }).click();
  await page.getByRole('option', { name: 'Manager' }).click();
  await expect.poll(() => page.getByTestId('member-outcome').textContent()).toBe('Cleo Colleague is now manager.');
  await screenshot(page, 'admin-members');

  // The last owner cannot step down: their role is disabled with the server's reason, before anyone tries.
  const ownerRole = page.getByRole('textbox', { name: 'Role of Olga Owner' });
  await expect.poll(() => ownerRole.getAttribute('data-disabled-reason')).toContain('last owner');
  expect(await ownerRole.isDisabled()).toBe(true);
});

it('invites someone new; the link creates their account and lets them in', async () => {
  await page.goto(`${server.url}/w/admin/members`);
  const form = page.getByTestId('add-member');
  await form.getByLabel('Email').fill('newbie@admin.e2e');
  await form.getByRole('button', { name: 'Add person' }).click();
  const link = await page.getByTestId('invitation-link').textContent();
  expect(link).toMatch(/\/invitations\/[\w-]+$/);
  await page.getByTestId('invitations').getByText('newbie@admin.e2e').waitFor();

  const { context, page: newcomer } = await newPage(browser);
  await newcomer.goto(link!);
  await expect.poll(() => newcomer.getByTestId('invitation-page').textContent()).toContain('Join Admin E2E');
  await newcomer.getByLabel('Your name').fill('Nico Newbie');
  await newcomer.getByLabel('Choose a password').fill('newbie-password-1');
  await screenshot(newcomer, 'admin-invitation');
  await newcomer.locator('[data-action="accept-invitation"]').click();
  await newcomer.waitForURL(/\/w\/admin\/portfolio$/);
  // The link worked once.
  await newcomer.goto(link!);
  await expect.poll(() => newcomer.getByTestId('invitation-problem').textContent()).toContain('already been used');
  await context.close();
  await page.reload();
  await memberRow(page, 'newbie@admin.e2e').waitFor();
});

it('shows each change in the audit trail, filtered in the URL and exportable as CSV', async () => {
  await page.goto(`${server.url}/w/admin/audit`);
  await page.getByTestId('audit-row').first().waitFor();
  const actions = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
  expect(actions).toEqual(expect.arrayContaining(['member.added', 'member.role_changed', 'member.invited', 'member.invitation_accepted', 'auth.signed_in']));
  await page.getByRole('textbox', { name: 'Action' }).click();
  await page.getByRole('option', { name: 'member.role_changed' }).click();
  await page.waitForURL(/action=member.role_changed/);
  await expect.poll(() => page.getByTestId('audit-row').count()).toBe(1);
  expect(await page.getByTestId('audit-row').textContent()).toContain('Operator → Manager');
  expect(await page.locator('[data-action="export-csv"]').getAttribute('href')).toMatch(/\/audit\.csv\?action=member\.role_changed$/);
  await screenshot(page, 'admin-audit');
});

it('creates an API token shown once, and revokes it', async () => {
  await page.goto(`${server.url}/account`);
  const card = page.getByTestId('tokens-card');
  await card.getByLabel('Name').fill('Nightly export');
  await card.getByRole('button', { name: 'Create token' }).click();
  const value = await page.getByTestId('token-value').textContent();
  expect(value).toMatch(/^ta_/);
  expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${value}` } })).status).toBe(200);
  const row = page.locator('[data-testid="token-row"][data-name="Nightly export"]');
  await row.waitFor();
  await screenshot(page, 'admin-tokens');
  await row.locator('[data-action="revoke-token"]').click();
  await expect.poll(() => page.getByTestId('token-outcome').textContent()).toContain('revoked');
  await expect.poll(() => row.count()).toBe(0);
  expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${value}` } })).status).toBe(401);
});

it('shows a readonly member the people and the trail, with every change disabled and why', async () => {
  const { context, page: readerPage } = await newPage(browser);
  await readerPage.setViewportSize({ width: 390, height: 844 });
  await signInThroughUi(readerPage, server.url, reader);
  await readerPage.goto(`${server.url}/w/admin/members`);
  await readerPage.getByTestId('members-table').waitFor();
  expect(await readerPage.getByTestId('add-member').count()).toBe(0);
  expect(await memberRow(readerPage, owner.email).locator('[data-action="remove-member"]').getAttribute('data-disabled-reason')).toBe('Changing members requires the owner role.');
  await screenshot(readerPage, 'admin-members-readonly-phone');
  await readerPage.goto(`${server.url}/w/admin/audit`);
  await readerPage.getByTestId('audit-row').first().waitFor();
  await context.close();
});

it('changes your own password, keeping this session and telling how many others ended', async () => {
  const { context, page: other } = await newPage(browser);
  await signInThroughUi(other, server.url, owner);
  await page.goto(`${server.url}/account`);
  await expect.poll(() => page.getByTestId('session-row').count()).toBeGreaterThanOrEqual(2);
  const card = page.getByTestId('password-card');
  await card.getByLabel('Current password').fill(owner.password);
  await card.getByLabel('New password').fill('admin-owner-password-2');
  await card.getByRole('button', { name: 'Change password' }).click();
  await expect.poll(() => page.getByTestId('password-changed').textContent()).toMatch(/Password changed\. \d+ other sessions? (was|were) signed out\./);
  await expect.poll(() => page.locator('[data-testid="session-row"][data-current="false"]').count()).toBe(0);
  await screenshot(page, 'admin-account');
  // The other browser was signed out.
  await other.reload();
  await other.waitForURL(/\/sign-in/);
  await context.close();
});
