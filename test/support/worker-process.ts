import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_SECRET_KEY } from './test-app';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface WorkerProcess {
  child: ChildProcess;
  id: string;
  stderr: string[];
  exited: Promise<number | null>;
}

/** `tenantatlas worker` as an operator starts it, with the test-only run types enabled. */
export async function spawnWorker(databaseUrl: string | undefined, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['bin/tenantatlas.mjs', 'worker'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl ?? '',
      TENANTATLAS_SECRET_KEY: TEST_SECRET_KEY,
      TENANTATLAS_TEST_RUN_TYPES: '1',
      TENANTATLAS_SCHEDULES: 'off',
      TENANTATLAS_QUEUE_POLL_SECONDS: '0.5',
      TENANTATLAS_HEARTBEAT_SECONDS: '0.3',
      TENANTATLAS_SHUTDOWN_GRACE_SECONDS: '5',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        stderr.push(line);
        if (line.includes('"msg":"worker ready"')) resolve((JSON.parse(line) as { worker_id: string }).worker_id);
      }
    });
    void exited.then((code) => reject(new Error(`worker exited with ${code} before it was ready:\n${stderr.join('\n')}`)));
  });
  return { child, id: await ready, stderr, exited };
}

