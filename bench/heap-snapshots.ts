import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

// Heap snapshots of a running server, to tell a leak from garbage (issue 10). The server is started with
// `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=DIR`; V8 runs a full garbage collection before it writes a
// snapshot, so what a snapshot holds — and the heap in use right after it — is what is still reachable.

export interface HeapCensus {
  /** Bytes of every node in the snapshot: the live heap after a full collection. */
  totalBytes: number;
  /** Objects by constructor name: how many, and their own bytes. */
  objects: Map<string, { count: number; bytes: number }>;
}

/**
 * Signals the server to write a snapshot into `dir` and waits until the file is complete: V8 writes it on the
 * server's main thread, so once the file exists and the server answers `responsive` again, it is done.
 */
export async function takeHeapSnapshot(pid: number, dir: string, responsive: () => Promise<unknown>): Promise<string> {
  const before = new Set(existsSync(dir) ? readdirSync(dir) : []);
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 120_000; waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const fresh = (existsSync(dir) ? readdirSync(dir) : []).find((name) => name.endsWith('.heapsnapshot') && !before.has(name));
    if (!fresh) continue;
    await responsive();
    return path.join(dir, fresh);
  }
  throw new Error('the server wrote no heap snapshot within 2 minutes');
}

interface SnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Counts a snapshot's objects by constructor; deletes the file afterwards (they are tens of MiB). */
export function censusOf(file: string): HeapCensus {
  const json = JSON.parse(readFileSync(file, 'utf8')) as SnapshotJson;
  rmSync(file);
  const fields = json.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const objectType = json.snapshot.meta.node_types[0].indexOf('object');
  const objects = new Map<string, { count: number; bytes: number }>();
  let totalBytes = 0;
  for (let at = 0; at < json.nodes.length; at += width) {
    const bytes = json.nodes[at + sizeAt]!;
    totalBytes += bytes;
    if (json.nodes[at + typeAt] !== objectType) continue;
    const name = json.strings[json.nodes[at + nameAt]!]!;
    const entry = objects.get(name) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += bytes;
    objects.set(name, entry);
  }
  return { totalBytes, objects };
}

/** The constructors with the most more objects in `after` than in `before`: where a leak would show. */
export function largestGrowth(before: HeapCensus, after: HeapCensus, limit = 8): { name: string; more: number; bytes: number }[] {
  return [...after.objects]
    .map(([name, entry]) => {
      const earlier = before.objects.get(name) ?? { count: 0, bytes: 0 };
      return { name, more: entry.count - earlier.count, bytes: entry.bytes - earlier.bytes };
    })
    .filter((row) => row.more > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit);
}

/** The count of objects of one constructor (ServerResponse, Socket…): what one open stream holds. */
export function countOf(census: HeapCensus, name: string): number {
  return census.objects.get(name)?.count ?? 0;
}
