import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The embedded database (PGlite) belongs to one process: two processes opening the same files each keep their own
// copy of the database in memory and write over each other (issue 20: audit entries written by one were gone after
// the other wrote). So a process that opens a data directory first takes `tenantatlas.lock` in it — created
// exclusively, holding its pid — and removes it when it closes the database. A lock whose pid is no longer running
// (a killed process, or a container restarted with the same pid) is stale and taken over.

export const LOCK_FILE = 'tenantatlas.lock';

export class DataDirLocked extends Error {}

interface LockContent {
  pid: number;
  hostname: string;
  command: string;
  started_at: string;
}

/** Directories this process holds, so its own pid in a lock it did not take (pid reuse after a restart) reads stale. */
const heldHere = new Set<string>();

export interface DataDirLock {
  /** Removes the lock file, if it is still ours. */
  release(): void;
}

const isRunning = (pid: number): boolean => {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readLock = (file: string): LockContent | null => {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number' ? (parsed as LockContent) : null;
  } catch {
    return null;
  }
};

/** Takes the data directory's lock or throws DataDirLocked naming the process that holds it. */
export function lockDataDir(dataDir: string, command = process.argv.slice(2, 3).join(' ') || 'tenantatlas'): DataDirLock {
  const directory = path.resolve(dataDir);
  const file = path.join(directory, LOCK_FILE);
  if (heldHere.has(directory)) throw new DataDirLocked(`${directory} is already open in this process.`);
  fs.mkdirSync(directory, { recursive: true });
  const content: LockContent = { pid: process.pid, hostname: os.hostname(), command, started_at: new Date().toISOString() };
  for (let attempt = 0; ; attempt += 1) {
    try {
      fs.writeFileSync(file, `${JSON.stringify(content)}\n`, { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
    }
    const holder = readLock(file);
    if (holder && isRunning(holder.pid)) {
      throw new DataDirLocked(
        `The data directory ${directory} is in use by process ${holder.pid} (tenantatlas ${holder.command} on ${holder.hostname}, since ${holder.started_at}). ` +
          'The embedded database can be opened by one process at a time: stop it first (or use PostgreSQL, DATABASE_URL, for several processes).',
      );
    }
    // Stale: moved aside under a name of our own (only one process can move a given file), then created anew.
    const aside = `${file}.stale-${process.pid}`;
    try {
      fs.renameSync(file, aside);
      // Between our read and the move, another process may have taken over the stale lock itself: give it back.
      const moved = readLock(aside);
      if (moved && isRunning(moved.pid)) fs.linkSync(aside, file);
      fs.rmSync(aside, { force: true });
    } catch {
      // Another process took it over first; the next attempt sees its lock.
    }
  }
  heldHere.add(directory);
  return {
    release: () => {
      if (!heldHere.delete(directory)) return;
      if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
    },
  };
}
