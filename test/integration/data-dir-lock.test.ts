import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';
import { spawnServer, type ServerProcess } from '../support/server-process';

// Issue 20 item 2: the embedded database belongs to one process. A second `serve`, a `backup` or any other command
// on a data directory a running server holds is refused, naming the holder's pid, instead of opening the same files
// (two PGlite instances on one directory lost the audit entries written in between).
describe('one process at a time on an embedded data directory', () => {
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenantatlas-lock-'));
    server = await spawnServer(['--no-worker'], { TENANTATLAS_DATA_DIR: dataDir, DATABASE_URL: '' });
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second serve on the directory, naming the running server’s pid', async () => {
    const second = await spawnServer(['--no-worker'], { TENANTATLAS_DATA_DIR: dataDir, DATABASE_URL: '' }).then(
      async (started) => {
        await started.stop();
        return null;
      },
      (error: Error) => error.message,
    );
    expect(second, 'a second serve started on a held data directory').not.toBeNull();
    expect(second).toMatch(new RegExp(`in use by process ${server.child.pid}`));
    expect(second).toMatch(/serve exited 1/);
  });

  it('refuses backup and other commands while the server runs, and the server keeps its data', async () => {
    const backup = await runCli(['backup', path.join(os.tmpdir(), `lock-${process.pid}.backup`)], { env: { TENANTATLAS_DATA_DIR: dataDir } });
    expect(backup.code).not.toBe(0);
    expect(backup.stderr).toMatch(new RegExp(`in use by process ${server.child.pid}`));
    expect(backup.stderr).toMatch(/stop it first/i);
    expect(backup.stderr).not.toMatch(/\n\s+at /);
    const workspace = await runCli(['workspace', 'create', '--name', 'Second writer'], { env: { TENANTATLAS_DATA_DIR: dataDir } });
    expect(workspace.code).not.toBe(0);
    expect(workspace.stderr).toMatch(new RegExp(`in use by process ${server.child.pid}`));
    const migrate = await runCli(['migrate'], { env: { TENANTATLAS_DATA_DIR: dataDir } });
    expect(migrate.code).not.toBe(0);
    const restore = await runCli(['restore', '--force', path.join(dataDir, 'nothing.backup')], { env: { TENANTATLAS_DATA_DIR: dataDir } });
    expect(restore.code).not.toBe(0);
    expect(restore.stderr).toMatch(new RegExp(`in use by process ${server.child.pid}`));
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('takes over the lock of a server that was killed, and releases it at a clean stop', async () => {
    await server.stop('SIGKILL');
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'tenantatlas.lock'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(server.child.pid);
    server = await spawnServer(['--no-worker'], { TENANTATLAS_DATA_DIR: dataDir, DATABASE_URL: '' });
    const workspace = await runCli(['workspace', 'create', '--name', 'While running'], { env: { TENANTATLAS_DATA_DIR: dataDir } });
    expect(workspace.code).not.toBe(0);
    await server.stop('SIGTERM');
    expect(fs.existsSync(path.join(dataDir, 'tenantatlas.lock'))).toBe(false);
    const after = await runCli(['workspace', 'create', '--name', 'After the stop'], { env: { TENANTATLAS_DATA_DIR: dataDir } });
    expect(after.code, after.stderr).toBe(0);
  });
});
