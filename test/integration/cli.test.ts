import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';
import { runCli } from '../support/run-cli';
import { TEST_SECRET_KEY } from '../support/test-app';
import { findUserByTokenHash } from '../../src/db/queries/api-tokens';
import { hashApiToken } from '../../src/security/api-tokens';
import { openDatabase } from '../../src/db/database';

describe.each(databaseTargets())('the tenantatlas command on %s', (target) => {
  let env: NodeJS.ProcessEnv;
  let database: TestDatabase | undefined;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenantatlas-cli-'));
    if (target === 'postgres') {
      database = await openTestDatabase('postgres');
      env = { DATABASE_URL: database.url, TENANTATLAS_SECRET_KEY: TEST_SECRET_KEY };
    } else {
      env = { TENANTATLAS_DATA_DIR: dataDir };
    }
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrate applies the migrations and is idempotent', async () => {
    const first = await runCli(['migrate'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('');
    const second = await runCli(['migrate'], { env });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/up to date/);
  });

  it('workspace create prints exactly one JSON object', async () => {
    const result = await runCli(['workspace', 'create', '--name', 'Acme Corp'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ id: expect.any(Number), name: 'Acme Corp', slug: 'acme-corp' });
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const duplicate = await runCli(['workspace', 'create', '--name', 'Acme', '--slug', 'acme-corp'], { env });
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.stderr).toMatch(/already exists/);
    expect(duplicate.stdout).toBe('');
  });

  it('user create reads the password from stdin, and an existing user just gains the membership', async () => {
    const created = await runCli(['user', 'create', '--email', 'Ada@example.com', '--name', 'Ada', '--workspace', 'acme-corp', '--role', 'manager'], {
      env,
      stdin: 'correct horse battery\n',
    });
    expect(created.code, created.stderr).toBe(0);
    const user = JSON.parse(created.stdout);
    expect(user).toEqual({ id: expect.any(Number), email: 'Ada@example.com' });

    await runCli(['workspace', 'create', '--name', 'Second', '--slug', 'second'], { env });
    const again = await runCli(['user', 'create', '--email', 'ada@example.com', '--name', 'Ada', '--workspace', 'second', '--role', 'readonly'], { env, stdin: '' });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).id).toBe(user.id);
  });

  it('refuses bad input with a clear message and a non-zero exit', async () => {
    const badRole = await runCli(['user', 'create', '--email', 'b@example.com', '--name', 'B', '--workspace', 'acme-corp', '--role', 'god'], { env, stdin: 'long enough pw' });
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/--role must be one of owner|readonly/);
    const shortPassword = await runCli(['user', 'create', '--email', 'c@example.com', '--name', 'C', '--workspace', 'acme-corp', '--role', 'readonly'], { env, stdin: 'short' });
    expect(shortPassword.code).not.toBe(0);
    expect(shortPassword.stderr).toMatch(/at least 8 characters/);
    const noWorkspace = await runCli(['user', 'create', '--email', 'd@example.com', '--name', 'D', '--workspace', 'nope', '--role', 'readonly'], { env, stdin: 'long enough pw' });
    expect(noWorkspace.stderr).toMatch(/No workspace/);
    const missingFlag = await runCli(['workspace', 'create'], { env });
    expect(missingFlag.code).not.toBe(0);
    expect(missingFlag.stderr).toMatch(/--name/);
  });

  it('backup and restore serve the embedded database, and on PostgreSQL point to pg_dump and pg_restore', async () => {
    const file = path.join(dataDir, 'cli.backup');
    const backup = await runCli(['backup', file], { env });
    const restore = await runCli(['restore', file], { env: { ...env, TENANTATLAS_DATA_DIR: path.join(dataDir, 'restored') } });
    if (target === 'postgres') {
      expect(backup.code).not.toBe(0);
      expect(backup.stderr).toMatch(/pg_dump/);
      expect(restore.code).not.toBe(0);
      expect(restore.stderr).toMatch(/pg_restore/);
      return;
    }
    expect(backup.code, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ file, migrations: expect.any(Number) });
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(restore.code, restore.stderr).toBe(0);
    // The restored copy holds what the CLI created before (SPEC §10 round trip; the browser test checks a full demo).
    const again = await runCli(['workspace', 'create', '--name', 'Acme Corp', '--slug', 'acme-corp'], { env: { ...env, TENANTATLAS_DATA_DIR: path.join(dataDir, 'restored') } });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('token create prints the token once and stores only its hash', async () => {
    const result = await runCli(['token', 'create', '--email', 'ada@example.com', '--name', 'ci'], { env });
    expect(result.code, result.stderr).toBe(0);
    const { token } = JSON.parse(result.stdout) as { token: string };
    expect(token).toMatch(/^ta_[A-Za-z0-9_-]{40,}$/);
    const handle = database ?? (await openDatabase({ dataDir }));
    try {
      const found = await findUserByTokenHash(handle.db, hashApiToken(token));
      expect(found?.email).toBe('Ada@example.com');
      const stored = await handle.db.selectFrom('api_tokens').select('token_hash').execute();
      expect(JSON.stringify(stored)).not.toContain(token);
    } finally {
      if (!database) await handle.close();
    }
  });
});
