import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot, runCli } from '../support/run-cli';

// The demo's first minute: the sign-in is printed as a block at every start of `serve --demo`, not once
// between log lines; `user reset-password` sets a new one when it was lost or changed.

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `serve --demo`, waits for the sign-in block, stops the server, and returns what it printed. */
async function startDemoOnce(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [cliPath, 'serve', '--demo'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, TENANTATLAS_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', ...extraEnv },
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  child.stdout.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no sign-in block within 120 s:\n${output}`)), 120_000);
    const check = () => {
      if (/Forgot it\?/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr.on('data', check);
    child.on('exit', (code) => reject(new Error(`serve exited ${code}:\n${output}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return output;
}

describe('the demo sign-in', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenantatlas-demo-signin-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('is printed as a block at the first start and again at every later start', async () => {
    const first = await startDemoOnce(dataDir, { TENANTATLAS_DEMO_PASSWORD: 'first-demo-password' });
    expect(first).toMatch(/Email\s+demo@tenantatlas\.local/);
    expect(first).toMatch(/Password\s+first-demo-password/);
    expect(first).toMatch(/Open\s+http:\/\/127\.0\.0\.1:\d+/);
    const second = await startDemoOnce(dataDir);
    expect(second).toMatch(/Password\s+first-demo-password/);
    // The remembered password is readable by its owner only.
    expect(fs.statSync(path.join(dataDir, 'demo-sign-in.json')).mode & 0o077).toBe(0);
  }, 300_000);

  it('user reset-password sets a new password; the block then stops showing the old one', async () => {
    const reset = await runCli(['user', 'reset-password', '--email', 'demo@tenantatlas.local'], {
      env: { TENANTATLAS_DATA_DIR: dataDir },
      stdin: 'a-brand-new-password\n',
    });
    expect(reset.code, reset.stderr).toBe(0);
    expect(JSON.parse(reset.stdout)).toEqual({ id: expect.any(Number), email: 'demo@tenantatlas.local' });
    const after = await startDemoOnce(dataDir);
    expect(after).not.toContain('first-demo-password');
    expect(after).toMatch(/Password\s+\(not known here/);
    const tooShort = await runCli(['user', 'reset-password', '--email', 'demo@tenantatlas.local'], { env: { TENANTATLAS_DATA_DIR: dataDir }, stdin: 'short\n' });
    expect(tooShort.code).not.toBe(0);
    expect(tooShort.stderr).toMatch(/at least 8 characters/);
    const unknown = await runCli(['user', 'reset-password', '--email', 'nobody@example.com'], { env: { TENANTATLAS_DATA_DIR: dataDir }, stdin: 'long-enough-password\n' });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/No user/);
  }, 300_000);
});
