import { loadConfig } from '../config';
import { openRuntime, type Runtime } from '../runtime/open-runtime';

/** stdout carries exactly one JSON object for commands that create something (SPEC §10). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export function say(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Opens the configured database (migrating it), runs the command, and always closes it again. */
export async function withRuntime<T>(run: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig());
  try {
    return await run(runtime);
  } finally {
    await runtime.close();
  }
}

/** Reads a password from stdin (never argv, where it would show in `ps` and shell history). */
export async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) say('Password (input is visible; end with Enter):');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(Buffer.from(chunk));
    if (process.stdin.isTTY && chunk.includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
