import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';

// Issue 20 item 3: a damaged backup is recognised before anything is touched — "this backup is damaged", a non-zero
// exit, no stack trace, no data.restoring-* folder left behind, and the data directory as it was.
describe('restoring a damaged backup', () => {
  let base: string;
  let dataDir: string;
  let backup: Buffer;

  beforeAll(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'tenantatlas-damaged-'));
    dataDir = path.join(base, 'data');
    const env = { TENANTATLAS_DATA_DIR: dataDir };
    const created = await runCli(['workspace', 'create', '--name', 'Kept Corp'], { env });
    expect(created.code, created.stderr).toBe(0);
    const written = await runCli(['backup', path.join(base, 'good.backup')], { env });
    expect(written.code, written.stderr).toBe(0);
    backup = fs.readFileSync(path.join(base, 'good.backup'));
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  const damaged = {
    truncated: () => backup.subarray(0, Math.floor(backup.length * 0.6)),
    'a flipped byte': () => {
      const copy = Buffer.from(backup);
      const at = Math.floor(copy.length * 0.7);
      copy[at] = (copy[at] ?? 0) ^ 0x5a;
      return copy;
    },
    'a changed secret key in its first line': () => Buffer.from(backup.toString('latin1').replace(/"secret_key":"(.)/, (_, c: string) => `"secret_key":"${c === 'A' ? 'B' : 'A'}`), 'latin1'),
  };

  it.each(Object.keys(damaged))('refuses a backup with %s, says so and leaves everything as it was', async (name) => {
    const file = path.join(base, `${name.replaceAll(' ', '-')}.backup`);
    fs.writeFileSync(file, damaged[name as keyof typeof damaged]());
    for (const target of [dataDir, path.join(base, 'empty-target')]) {
      const restored = await runCli(['restore', '--force', file], { env: { TENANTATLAS_DATA_DIR: target } });
      expect(restored.code).not.toBe(0);
      expect(restored.stderr).toMatch(/this backup is damaged/i);
      expect(restored.stderr).not.toMatch(/\n\s+at |unexpected end of file|incorrect data check/);
      expect(fs.readdirSync(base).filter((entry) => entry.includes('.restoring-'))).toEqual([]);
    }
    expect(fs.existsSync(path.join(base, 'empty-target'))).toBe(false);
    const again = await runCli(['workspace', 'create', '--name', 'Kept Corp'], { env: { TENANTATLAS_DATA_DIR: dataDir } });
    expect(again.stderr).toMatch(/already exists/);
  });

  it('still restores the undamaged backup', async () => {
    const restored = await runCli(['restore', path.join(base, 'good.backup')], { env: { TENANTATLAS_DATA_DIR: path.join(base, 'fresh') } });
    expect(restored.code, restored.stderr).toBe(0);
    const again = await runCli(['workspace', 'create', '--name', 'Kept Corp'], { env: { TENANTATLAS_DATA_DIR: path.join(base, 'fresh') } });
    expect(again.stderr).toMatch(/already exists/);
  });
});
