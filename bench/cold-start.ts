import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { writeReportSection } from './report-section';

// Issue 10, "production build": how long `tenantatlas serve` takes from spawn until /readyz answers 200, and its
// resident memory once ready and idle — running the TypeScript sources through tsx's loader, and running the compiled
// dist/server/cli.mjs (`npm run build:server`). On an embedded database that is already migrated (a restart, the
// common case), five starts each, medians.
const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const repoRoot = path.resolve(import.meta.dirname, '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

async function startOnce(dataDir: string, fromSource: boolean): Promise<{ readyMs: number; rssMiB: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/tenantatlas.mjs'), 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: '', TENANTATLAS_DATA_DIR: dataDir, PORT: String(port), TENANTATLAS_SCHEDULES: 'off', LOG_LEVEL: 'warn', TENANTATLAS_FROM_SOURCE: fromSource ? '1' : '0' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const readyMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
    return { readyMs, rssMiB: rssKiB / 1024 };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tenantatlas-cold-start-'));
  try {
    await startOnce(dataDir, true); // creates and migrates the database once
    const results: Record<'source' | 'compiled', { readyMs: number[]; rssMiB: number[] }> = { source: { readyMs: [], rssMiB: [] }, compiled: { readyMs: [], rssMiB: [] } };
    for (let i = 0; i < STARTS; i += 1) {
      for (const mode of ['source', 'compiled'] as const) {
        const result = await startOnce(dataDir, mode === 'source');
        results[mode].readyMs.push(result.readyMs);
        results[mode].rssMiB.push(result.rssMiB);
        log(`${mode}: ready in ${result.readyMs.toFixed(0)} ms, ${result.rssMiB.toFixed(0)} MiB`);
      }
    }
    const line = (mode: 'source' | 'compiled', label: string) =>
      `| ${label} | ${median(results[mode].readyMs).toFixed(0)} ms | ${median(results[mode].rssMiB).toFixed(0)} MiB |`;
    writeReportSection(path.join(repoRoot, 'docs/PERFORMANCE.md'), 'cold-start', [
      '## Cold start and memory of `tenantatlas serve` (issue 10)',
      '',
      `Spawn until \`/readyz\` answers 200, and resident memory 2 s later, idle; embedded database already migrated; median of ${STARTS} starts each (\`bench/cold-start.ts\`, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores).`,
      '',
      '| how it runs | ready after | resident memory |',
      '|---|---|---|',
      line('source', 'TypeScript sources through tsx (before)'),
      line('compiled', 'compiled `dist/server/cli.mjs` (after, `npm run build:server`)'),
    ]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
