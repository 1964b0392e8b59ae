import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './free-port';

// One way for the benchmarks to run a real `tenantatlas serve` (compiled when the build is current, bin/tenantatlas.mjs)
// on a database and wait until it is ready: the production configuration — JSON logs at info, to /dev/null here as to a
// log shipper — and no schedules, so nothing starts that a benchmark did not ask for.
const repoRoot = path.resolve(import.meta.dirname, '..');

/** The load benchmark's database and key; `bench/profile-route.ts` and `bench/session-load.ts` reuse what it left. */
export const loadBench = {
  databaseName: 'tenantatlas_bench_load',
  secretKey: 'bench-load-secret-key-0123456789',
  defaultUrl: 'postgres://postgres@127.0.0.1:5432/tenantatlas_bench_load',
};

export interface BenchServer {
  url: string;
  child: ChildProcess;
}

export async function startBenchServer(options: {
  databaseUrl: string;
  secretKey: string;
  /** `serve --no-worker` unless true (then its in-process worker runs operations). */
  worker?: boolean;
  /** Node flags before the script (a profiler, a heap-snapshot signal). */
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** A compiled server to run instead of bin/tenantatlas.mjs (which runs the sources once any file under src/ is newer than the build). */
  script?: string;
}): Promise<BenchServer> {
  const port = await freePort();
  const args = [...(options.nodeArgs ?? []), options.script ?? path.join(repoRoot, 'bin/tenantatlas.mjs'), 'serve', ...(options.worker ? [] : ['--no-worker'])];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: options.databaseUrl, TENANTATLAS_SECRET_KEY: options.secretKey, PORT: String(port), TENANTATLAS_SCHEDULES: 'off', LOG_FORMAT: 'json', ...options.env },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}`);
    if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
