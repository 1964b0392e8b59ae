import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { repoRoot } from './worker-process';

// `tenantatlas serve` as its own process (several of them on one PostgreSQL in the multi-process test).
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function spawnServer(args: string[], env: Record<string, string>): Promise<ServerProcess> {
  const port = await freeTcpPort();
  const child = spawn(process.execPath, ['bin/tenantatlas.mjs', 'serve', ...args], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), TENANTATLAS_SCHEDULES: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}:\n${output}`);
    if (await fetch(`${url}/readyz`).then((response) => response.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve was not ready within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}
