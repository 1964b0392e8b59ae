// Sign-in with Microsoft Entra ID in the browser (issue 8), against a local OpenID provider (oidc-provider) started
// by the test: an invited person accepts their invitation with Microsoft and lands in the workspace; later they sign
// in with the button on the sign-in page; a stranger gets the "not invited" page and no account. The server runs
// with TENANTATLAS_OIDC_* set, exactly as an operator would configure it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startLocalOpenIdProvider, type LocalOpenIdProvider } from '../support/local-openid-provider';
import { seriousA11yViolations } from './accessibility';
import { ApiSession, createUser, createWorkspace, freePort, launchBrowser, makeDataDir, newPage, removeDataDir, screenshot, startServer, type TestServer, type TestUser } from './harness';

const owner: TestUser = { email: 'owner@entra.e2e', name: 'Olga Owner', password: 'entra-owner-password-1' };

let dataDir: string;
let provider: LocalOpenIdProvider;
let server: TestServer;
let browser: Browser;
let api: ApiSession;

beforeAll(async () => {
  dataDir = await makeDataDir();
  await createWorkspace(dataDir, 'Entra E2E', 'entra');
  await createUser(dataDir, owner, 'entra', 'owner');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  provider = await startLocalOpenIdProvider([`${origin}/api/auth/entra-id/callback`]);
  server = await startServer(dataDir, {
    port,
    env: { TENANTATLAS_OIDC_ISSUER: provider.issuer, TENANTATLAS_OIDC_CLIENT_ID: provider.clientId, TENANTATLAS_OIDC_CLIENT_SECRET: provider.clientSecret },
  });
  api = await ApiSession.signIn(server.url, owner);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.stop();
  if (dataDir) await removeDataDir(dataDir);
});

/** The local provider's development login form: any login, any password. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any-password');
  await page.locator('button[type="submit"]').click();
}

it('an invited person accepts with Microsoft and lands in the workspace, then signs in with the button', async () => {
  const { workspaces } = await api.get<{ workspaces: Array<{ id: number }> }>('/api/me');
  const { invitation } = await api.post<{ invitation: { accept_url: string } }>(`/api/workspaces/${workspaces[0]!.id}/members`, { email: 'nia@entra.e2e', role: 'operator' });
  provider.setAccount('nia-at-microsoft', { email: 'nia@contoso-partner.example', email_verified: true, name: 'Nia Newcomer' });

  const { context, page } = await newPage(browser);
  await page.goto(`${server.url}${invitation.accept_url}`);
  await page.getByRole('heading', { name: 'Join Entra E2E' }).waitFor();
  await page.getByRole('link', { name: 'Accept with Microsoft' }).click();
  await signInAtProvider(page, 'nia-at-microsoft');
  // Back in the console, signed in, in the workspace the invitation was for.
  await page.waitForURL(/\/w\/entra\//);
  await page.getByRole('button', { name: /Nia Newcomer/ }).waitFor();
  await screenshot(page, 'entra-id-invitation-accepted');
  // Their account page does not ask for a password they never had.
  await page.goto(`${server.url}/account`);
  await page.getByTestId('no-password').waitFor();
  expect(await page.getByLabel('Current password').count()).toBe(0);
  await page.goto(`${server.url}/w/entra/portfolio`);

  // The owner sees the new member and the trail says how they came in.
  const members = await api.get<{ members: Array<{ email: string; role: string }> }>(`/api/workspaces/${workspaces[0]!.id}/members`);
  expect(members.members.find((member) => member.email === 'nia@entra.e2e')?.role).toBe('operator');
  const audit = await api.get<{ entries: Array<{ action: string; summary: Record<string, unknown> }> }>(`/api/workspaces/${workspaces[0]!.id}/audit?action=auth.signed_in`);
  expect(audit.entries[0]?.summary).toEqual({ method: 'entra_id' });

  // Sign out, then in again with the button (the identity is linked; no invitation needed any more).
  await page.getByRole('button', { name: /Nia Newcomer/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in/);
  await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
  // The provider still remembers this browser, as Microsoft would: straight back, signed in.
  await page.waitForURL((url) => url.origin === server.url && !url.pathname.startsWith('/sign-in'));
  await page.getByRole('button', { name: /Nia Newcomer/ }).waitFor();
  await context.close();
});

it('shows a stranger the "not invited" page, with the account they used, and signs nobody in', async () => {
  const { context, page } = await newPage(browser, { forAxe: true });
  await page.goto(`${server.url}/sign-in`);
  await page.getByRole('link', { name: 'Sign in with Microsoft' }).waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, 'entra-id-sign-in-page');
  await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
  await signInAtProvider(page, 'stranger@elsewhere.example');

  await page.waitForURL(`${server.url}/sign-in/microsoft`);
  await page.getByRole('heading', { name: 'You are not invited yet' }).waitFor();
  await expect(page.getByTestId('entra-id-problem').textContent()).resolves.toContain('stranger@elsewhere.example');
  await expect(page.title()).resolves.toContain('You are not invited yet');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, 'entra-id-not-invited');
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, 'entra-id-not-invited-phone');

  // Not signed in: the console sends them back to sign-in.
  await page.goto(`${server.url}/`);
  await page.waitForURL(/\/sign-in/);
  await context.close();
});
