// The browser-test harness: a real `tenantatlas serve` on a free port with its own embedded database in a
// temp dir, the CLI to create workspaces and users before it starts, a JSON API session for arranging data
// (sign-in + CSRF, exactly like the web app), and Chromium through playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { freeTcpPort } from '../support/server-process';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const cliPath = path.join(repoRoot, 'bin', 'tenantatlas.mjs');
export const screenshotDir = path.join(repoRoot, 'test-output', 'screenshots');

export async function makeDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'tenantatlas-e2e-'));
}

export async function removeDataDir(dataDir: string): Promise<void> {
  await rm(dataDir, { recursive: true, force: true });
}

function childEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // The embedded database of this data dir, never a PostgreSQL that happens to be configured around us.
  const env: NodeJS.ProcessEnv = { ...process.env, TENANTATLAS_DATA_DIR: dataDir, TENANTATLAS_SCHEDULES: 'off', ...extra };
  delete env.DATABASE_URL;
  return env;
}

/** Runs one CLI command against the data dir (server stopped: the embedded database has one owner). */
export async function runCli<T = unknown>(dataDir: string, args: string[], stdin?: string): Promise<T> {
  const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: childEnv(dataDir) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin ?? '');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`tenantatlas ${args.join(' ')} exited ${code}:\n${stderr}`);
  try {
    return JSON.parse(stdout) as T;
  } catch {
    throw new Error(`tenantatlas ${args.join(' ')} printed no JSON object:\n${stdout}\n${stderr}`);
  }
}

export interface TestUser {
  email: string;
  name: string;
  password: string;
}

export async function createWorkspace(dataDir: string, name: string, slug: string) {
  return runCli<{ id: number; name: string; slug: string }>(dataDir, ['workspace', 'create', '--name', name, '--slug', slug]);
}

export async function createUser(dataDir: string, user: TestUser, workspace: string, role: string) {
  return runCli<{ id: number; email: string }>(
    dataDir,
    ['user', 'create', '--email', user.email, '--name', user.name, '--workspace', workspace, '--role', role],
    `${user.password}\n`,
  );
}

/** A free loopback port (the helper the integration tests' server processes use). */
export const freePort = freeTcpPort;

export interface TestServer {
  url: string;
  /** Everything the server wrote to stderr so far (the demo sign-in is printed there). */
  stderr: () => string;
  stop: () => Promise<void>;
}

interface StartOptions {
  demo?: boolean;
  env?: Record<string, string>;
  /** A port chosen beforehand (when something must know the server's URL before it starts); else a free one. */
  port?: number;
  /** Arrange the data dir with the CLI before the server opens it (the embedded database has one owner). */
  beforeStart?: (dataDir: string) => Promise<void>;
}

export async function startServer(dataDir: string, options: StartOptions = {}): Promise<TestServer> {
  const port = options.port ?? (await freePort());
  const args = [cliPath, 'serve', ...(options.demo ? ['--demo'] : [])];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: childEnv(dataDir, { PORT: String(port), ...options.env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;

  await waitUntilAnswering(url, child, () => output);
  return { url, stderr: () => output, stop: () => stopChild(child) };
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tenantatlas serve exited ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/lifecycle`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stopChild(child);
  throw new Error(`tenantatlas serve did not answer GET /api/lifecycle within 120 s:\n${output()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** A signed-in JSON API session, for arranging data the way the browser would (cookie + CSRF header). */
export class ApiSession {
  private cookies = new Map<string, string>();
  private csrfToken: string | null = null;

  private constructor(private readonly baseUrl: string) {}

  static async signIn(baseUrl: string, user: Pick<TestUser, 'email' | 'password'>): Promise<ApiSession> {
    const session = new ApiSession(baseUrl);
    await session.request('POST', '/api/auth/login', { email: user.email, password: user.password });
    return session;
  }

  /** Only the HTTP status of a GET, for probing what a server supports. */
  async statusOf(pathname: string): Promise<number> {
    const response = await fetch(this.baseUrl + pathname, { headers: { cookie: this.cookieHeader() } });
    await response.body?.cancel();
    return response.status;
  }

  async get<T>(pathname: string): Promise<T> {
    return this.request<T>('GET', pathname);
  }

  async post<T>(pathname: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', pathname, body);
  }

  async put<T>(pathname: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', pathname, body);
  }

  async request<T>(method: string, pathname: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && pathname !== '/api/auth/login') headers['x-csrf-token'] = await this.csrf();
    const response = await fetch(this.baseUrl + pathname, {
      method,
      headers: { ...headers, cookie: this.cookieHeader() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    this.remember(response);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${pathname} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async csrf(): Promise<string> {
    if (!this.csrfToken) {
      const { csrf_token } = await this.get<{ csrf_token: string }>('/api/auth/csrf');
      this.csrfToken = csrf_token;
    }
    return this.csrfToken;
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const separator = pair?.indexOf('=') ?? -1;
      if (!pair || separator < 0) continue;
      this.cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A fresh context is a fresh profile: no cookies, no storage from another test. `forAxe` lets axe-core's injected
 * script past the console's Content Security Policy (the policy itself is tested in security-headers.test.ts).
 */
export async function newPage(browser: Browser, options: { forAxe?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: options.forAxe === true });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  return { context, page };
}

export async function signInThroughUi(page: Page, baseUrl: string, user: Pick<TestUser, 'email' | 'password'>): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  // Let notifications and transitions settle so the picture shows what a person would see.
  await page.waitForTimeout(250);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * An active tenant made the way a person onboards one (SPEC §1): create, start onboarding, save the connection
 * of a graph-sim tenant, verify it (waiting for the run), complete onboarding.
 */
export async function onboardThroughApi(
  api: ApiSession,
  workspaceId: number,
  tenant: { name: string; domain?: string },
  simTenant: { entra_tenant_id: string; client_id: string; client_secret: string },
): Promise<{ id: number; name: string; status: string }> {
  const { tenant: created } = await api.post<{ tenant: { id: number } }>(`/api/workspaces/${workspaceId}/tenants`, {
    name: tenant.name,
    domain: tenant.domain ?? `${tenant.name.toLowerCase().replace(/\W+/g, '')}.onmicrosoft.com`,
    entra_tenant_id: simTenant.entra_tenant_id,
  });
  await api.post(`/api/tenants/${created.id}/lifecycle`, { action: 'start_onboarding' });
  await api.put(`/api/tenants/${created.id}/provider-connection`, { client_id: simTenant.client_id, client_secret: simTenant.client_secret });
  const { run } = await api.post<{ run: { id: number } }>(`/api/tenants/${created.id}/provider-connection/verify`);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { run: current } = await api.get<{ run: { status: string; outcome: string } }>(`/api/operations/${run.id}`);
    if (current.status === 'completed') {
      if (current.outcome !== 'succeeded') throw new Error(`verifying ${tenant.name} ended ${current.outcome}`);
      break;
    }
    if (Date.now() > deadline) throw new Error(`verifying ${tenant.name} did not finish within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const { tenant: active } = await api.post<{ tenant: { id: number; name: string; status: string } }>(`/api/tenants/${created.id}/lifecycle`, { action: 'complete_onboarding' });
  return active;
}

export interface DemoServer {
  server: TestServer;
  /** Signed in as the demo owner, for arranging and reading data. */
  api: ApiSession;
  owner: TestUser;
  dataDir: string;
  /** The demo tenants' ids by name ("Contoso Ltd", …). */
  tenantIds: Map<string, number>;
  stop(): Promise<void>;
}

/** The demo owner's password in every browser test on the demo workspace (the template is seeded once with it). */
export const demoOwnerPassword = 'e2e-demo-password-1';

/**
 * A data dir holding a freshly seeded demo workspace. Seeding really runs the demo's syncs and scans (~45 s), so
 * the browser run seeds it once (the first file to ask, under the directory `globalSetup` provides) and every
 * file gets its own copy: files stay independent of each other's changes without paying for a seed each.
 */
async function demoDataDir(): Promise<string> {
  const template = inject('demoTemplateDir');
  const marker = path.join(template, 'seeded-for-tests');
  if (!existsSync(marker)) await seedDemoTemplateOnce(template, marker);
  const dataDir = await makeDataDir();
  await cp(template, dataDir, { recursive: true, filter: (source) => source !== marker });
  return dataDir;
}

/**
 * Browser files run two at a time, so two may ask for the template at once; one embedded database directory cannot be
 * opened by two servers. An exclusive lock file decides who seeds; the other waits for the marker.
 */
async function seedDemoTemplateOnce(template: string, marker: string): Promise<void> {
  const lock = `${template}.seeding`;
  let held;
  try {
    held = await open(lock, 'wx');
  } catch {
    while (!existsSync(marker)) {
      if (!existsSync(lock)) throw new Error('seeding the demo template failed in another browser test file');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return;
  }
  try {
    await mkdir(template, { recursive: true });
    const seeding = await startServer(template, { demo: true, env: { TENANTATLAS_DEMO_PASSWORD: demoOwnerPassword } });
    const printed = seeding.stderr();
    await seeding.stop();
    // The first start prints the demo sign-in (SPEC §10); a start without it would mean nothing was seeded.
    if (!printed.includes('demo@tenantatlas.local')) throw new Error(`serve --demo printed no demo sign-in:\n${printed}`);
    await writeFile(marker, new Date().toISOString());
  } finally {
    await held.close();
    await rm(lock, { force: true });
  }
}

/** A copy of the seeded demo workspace in its own data dir, served, with the owner's API session and tenants' ids. */
export async function startDemoServer(options: StartOptions = {}): Promise<DemoServer> {
  const owner: TestUser = { email: 'demo@tenantatlas.local', name: 'Demo Admin', password: demoOwnerPassword };
  const dataDir = await demoDataDir();
  if (options.beforeStart) await options.beforeStart(dataDir);
  const server = await startServer(dataDir, { ...options, demo: options.demo ?? true });
  const api = await ApiSession.signIn(server.url, owner);
  const { workspaces } = await api.get<{ workspaces: Array<{ id: number }> }>('/api/me');
  const { tenants } = await api.get<{ tenants: Array<{ id: number; name: string }> }>(`/api/workspaces/${workspaces[0]!.id}/tenants?limit=100`);
  return {
    server,
    api,
    owner,
    dataDir,
    tenantIds: new Map(tenants.map((tenant) => [tenant.name, tenant.id])),
    stop: async () => {
      await server.stop();
      await removeDataDir(dataDir);
    },
  };
}
