// Backups of the embedded default (issue 10, SPEC §10): `tenantatlas backup FILE` of a stopped demo, `tenantatlas
// restore FILE` into a fresh data directory, and the restored product serves the same tenants, runs and findings —
// readiness, the owner's password and the console included. A restore never overwrites a non-empty directory without
// --force, and a file that is not a backup costs nothing.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ApiSession, launchBrowser, makeDataDir, newPage, removeDataDir, runCli, screenshot, signInThroughUi, startDemoServer, startServer, type DemoServer, type TestServer } from './harness';

let demo: DemoServer;
let backupDir: string;
let restoredDir: string;
let restored: TestServer | undefined;
let browser: Browser;
let before: Snapshot;

interface Snapshot {
  tenants: Array<{ id: number; name: string; status: string | null }>;
  runs: Array<{ id: number; type: string; status: string; outcome: string | null }>;
  findings: number;
}

/** What an administrator would compare: the tenants, Contoso's runs and its findings. */
async function snapshot(api: ApiSession): Promise<Snapshot> {
  const { workspaces } = await api.get<{ workspaces: Array<{ id: number }> }>('/api/me');
  const { tenants } = await api.get<{ tenants: Snapshot['tenants'] }>(`/api/workspaces/${workspaces[0]!.id}/tenants?limit=100`);
  const contoso = tenants.find((tenant) => tenant.name === 'Contoso Ltd')!;
  const { runs } = await api.get<{ runs: Snapshot['runs'] }>(`/api/tenants/${contoso.id}/operations?limit=100`);
  const { findings } = await api.get<{ findings: unknown[] }>(`/api/tenants/${contoso.id}/findings?limit=100`);
  return {
    tenants: tenants.map(({ id, name, status }) => ({ id, name, status })),
    runs: runs.map(({ id, type, status, outcome }) => ({ id, type, status, outcome })),
    findings: findings.length,
  };
}

beforeAll(async () => {
  demo = await startDemoServer();
  before = await snapshot(demo.api);
  expect(before.tenants.length).toBeGreaterThan(3);
  expect(before.runs.length).toBeGreaterThan(2);
  // The embedded database belongs to one process: back up a stopped server.
  await demo.server.stop();
  backupDir = await makeDataDir();
  restoredDir = path.join(await makeDataDir(), 'restored');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await restored?.stop();
  await removeDataDir(demo.dataDir);
  if (backupDir) await removeDataDir(backupDir);
  if (restoredDir) await removeDataDir(path.dirname(restoredDir));
});

it('backs up the demo and restores it into a fresh data directory that serves the same tenants, runs and findings', async () => {
  const file = path.join(backupDir, 'tenantatlas.backup');
  const written = await runCli<{ file: string; bytes: number; migrations: number }>(demo.dataDir, ['backup', file]);
  expect(written.file).toBe(file);
  expect(written.bytes).toBeGreaterThan(100_000);
  expect(written.migrations).toBeGreaterThan(10);

  const result = await runCli<{ data_dir: string }>(restoredDir, ['restore', file]);
  expect(result.data_dir).toBe(restoredDir);
  restored = await startServer(restoredDir);
  expect((await fetch(`${restored.url}/readyz`)).status).toBe(200);
  // The same owner, with the same password, sees the same data.
  const api = await ApiSession.signIn(restored.url, demo.owner);
  expect(await snapshot(api)).toEqual(before);

  const { page, context } = await newPage(browser);
  await signInThroughUi(page, restored.url, demo.owner);
  await page.goto(`${restored.url}/w/demo/tenants`);
  await page.getByRole('link', { name: 'Contoso Ltd', exact: true }).waitFor();
  await screenshot(page, 'restored-demo-tenants');
  await context.close();
});

it('refuses to restore over a non-empty data directory without --force, and replaces it with --force', async () => {
  const file = path.join(backupDir, 'tenantatlas.backup');
  await restored?.stop();
  restored = undefined;
  await expect(runCli(restoredDir, ['restore', file])).rejects.toThrow(/is not empty.*--force/s);

  await runCli(restoredDir, ['restore', file, '--force']);
  restored = await startServer(restoredDir);
  expect(await snapshot(await ApiSession.signIn(restored.url, demo.owner))).toEqual(before);
});

it('refuses a file that is not a backup and keeps the data directory as it was', async () => {
  await restored?.stop();
  restored = undefined;
  const junk = path.join(backupDir, 'not-a-backup.txt');
  await writeFile(junk, 'hello\nworld');
  await expect(runCli(restoredDir, ['restore', junk, '--force'])).rejects.toThrow(/is not a TenantAtlas backup/);
  await expect(runCli(restoredDir, ['restore', path.join(backupDir, 'missing.backup'), '--force'])).rejects.toThrow(/does not exist/);

  restored = await startServer(restoredDir);
  expect(await snapshot(await ApiSession.signIn(restored.url, demo.owner))).toEqual(before);
});
