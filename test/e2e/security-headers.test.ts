// The headers of a real `tenantatlas serve` on the HTML page, its assets, the API and the probes, and a
// signed-in console that works under its own Content Security Policy (no violation in Chromium).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser, createWorkspace, launchBrowser, makeDataDir, newPage, removeDataDir, signInThroughUi, startServer, type TestServer, type TestUser } from './harness';

const owner: TestUser = { email: 'owner@headers.test', name: 'Olive Owner', password: 'headers-password-1' };
let dataDir: string;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  dataDir = await makeDataDir();
  await createWorkspace(dataDir, 'Headers', 'headers');
  await createUser(dataDir, owner, 'headers', 'owner');
  server = await startServer(dataDir);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await removeDataDir(dataDir);
});

const expectSecurityHeaders = (response: Response, where: string) => {
  expect(response.headers.get('content-security-policy'), where).toContain("frame-ancestors 'none'");
  expect(response.headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), where).toBe('no-referrer');
};

it('sets the security headers on the HTML page, a deep link, an asset, API answers and errors', async () => {
  const page = await fetch(`${server.url}/`);
  const html = await page.text();
  expectSecurityHeaders(page, 'index');
  expect(page.headers.get('content-type')).toContain('text/html');
  const deepLink = await fetch(`${server.url}/w/headers/tenants`);
  expectSecurityHeaders(deepLink, 'deep link');
  const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
  expect(asset).toBeDefined();
  const assetResponse = await fetch(`${server.url}${asset}`);
  expect(assetResponse.status).toBe(200);
  expectSecurityHeaders(assetResponse, 'asset');
  for (const path of ['/api/lifecycle', '/api/me', '/api/no-such-route']) {
    const api = await fetch(`${server.url}${path}`);
    expectSecurityHeaders(api, path);
    expect(api.headers.get('cache-control'), path).toBe('no-store');
    expect(api.headers.get('content-type'), path).toContain('application/json');
  }
});

it('answers the probes itself, as JSON, never with the web app', async () => {
  for (const path of ['/healthz', '/readyz']) {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status, path).toBe(200);
    expect(response.headers.get('content-type'), path).toContain('application/json');
    expect(await response.json(), path).toEqual({ status: 'ok' });
  }
});

it('runs the console under its Content Security Policy without a violation', async () => {
  const { context, page } = await newPage(browser);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await signInThroughUi(page, server.url, owner);
  // The workspace opens on its portfolio, then the tenant list.
  await page.getByRole('heading', { name: 'Portfolio' }).first().waitFor();
  await page.getByRole('link', { name: 'Tenants', exact: true }).click();
  await page.getByRole('heading', { name: 'Tenants' }).first().waitFor();
  expect(violations).toEqual([]);
  await context.close();
});
