import { readdirSync, readFileSync } from 'node:fs';

// Where the machine's CPU went during a benchmark (issue 10): user + system time of processes, read from
// /proc/<pid>/stat (Linux), so a report can say how much of the cores the server, PostgreSQL and the load
// generator each took — and whether a second server process had any core left to use.
const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

/** CPU seconds used so far by one process; 0 once it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime (fields 14 and 15)
  } catch {
    return 0;
  }
}

/** Every process whose command is `name` (e.g. all PostgreSQL backends). */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * Starts counting CPU seconds of named groups of processes; `stop()` answers each group's seconds since. Groups are
 * functions so processes started meanwhile (a PostgreSQL backend for a new connection) count too.
 */
export function startCpuCount(groups: Record<string, () => number[]>): { stop(): Record<string, number> } {
  const startOf = new Map<number, number>();
  for (const pids of Object.values(groups)) for (const pid of pids()) startOf.set(pid, cpuSecondsOf(pid));
  return {
    stop: () =>
      Object.fromEntries(
        Object.entries(groups).map(([name, pids]) => [name, pids().reduce((sum, pid) => sum + cpuSecondsOf(pid) - (startOf.get(pid) ?? 0), 0)]),
      ),
  };
}
