import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { systemActor } from '../src/domain/audit';
import { startGraphSim } from '../src/graph-sim';
import { deriveKeys } from '../src/security/secret-key';
import { saveTenantProviderConnection } from '../src/use-cases/tenants/save-provider-connection';
import { recreateBenchDatabase } from './bench-database';
import { startBenchServer } from './bench-server';
import { seedBenchWorkspace } from './bench-workspace';
import { freePort } from './free-port';
import { censusOf, countOf, largestGrowth, takeHeapSnapshot, type HeapCensus } from './heap-snapshots';
import { writeReportSection } from './report-section';

// `npm run bench:streams` (issue 10): 1,000 live-update streams open on one `tenantatlas serve` for 60 s while real
// inventory syncs (against graph-sim) complete. Checks that every stream receives the completion of every run of its
// tenant, measures how long after the run completed (its completed_at) the event arrived, and compares the server's
// memory before the streams opened with after they closed — after a full garbage collection each time (a heap
// snapshot forces one), over several open/close cycles, so garbage not yet collected is not mistaken for a leak.
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000);
const TENANTS = 10;
const SECONDS = Number(process.env.BENCH_STREAM_SECONDS ?? 60);
/** Open/close cycles after the measured one: a leak grows the heap by about the same amount each cycle. */
const EXTRA_CYCLES = 2;
const SECRET_KEY = 'bench-streams-secret-key-0123456789';
const repoRoot = path.resolve(import.meta.dirname, '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

interface Stream {
  tenantId: number;
  /** run id → when its completed state arrived */
  completed: Map<number, number>;
  close(): void;
}

function openStream(url: string, token: string, tenantId: number): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const completed = new Map<number, number>();
    const request = http.get(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, agent: false }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`stream answered ${response.statusCode}`));
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.startsWith('event: run')) continue;
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          const run = (JSON.parse(data!.slice(6)) as { run: { id: number; status: string } }).run;
          if (run.status === 'completed' && !completed.has(run.id)) completed.set(run.id, Date.now());
        }
      });
      response.on('error', () => {});
      resolve({ tenantId, completed, close: () => request.destroy() });
    });
    request.on('error', reject);
  });
}

async function main() {
  const sim = await startGraphSim();
  const databaseUrl = await recreateBenchDatabase(adminUrl, 'tenantatlas_bench_streams');
  const database = await openDatabase({ databaseUrl, poolSize: 4 });
  await migrateToLatest(database.db as never);
  const { token, target, others } = await seedBenchWorkspace(database.db, TENANTS);
  const tenantIds = [target, ...others];
  const simTenant = sim.tenants[0]!;
  for (const tenantId of tenantIds) {
    await saveTenantProviderConnection(database.db, deriveKeys(SECRET_KEY).encryptionKey, { tenantId, clientId: simTenant.client_id, clientSecret: simTenant.client_secret, entraTenantId: simTenant.entra_tenant_id }, { actor: systemActor('bench'), ip: null });
  }

  const metricsPort = await freePort();
  const snapshotDir = mkdtempSync(path.join(os.tmpdir(), 'tenantatlas-heap-'));
  const { url: base, child: server } = await startBenchServer({
    databaseUrl,
    secretKey: SECRET_KEY,
    worker: true,
    nodeArgs: ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshotDir}`],
    env: {
      TENANTATLAS_GRAPH_URL: sim.url,
      TENANTATLAS_LOGIN_URL: sim.url,
      TENANTATLAS_MAX_EVENT_STREAMS_PER_USER: String(STREAMS * 2),
      TENANTATLAS_MAX_EVENT_STREAMS_PER_TOKEN: String(STREAMS * 2),
      TENANTATLAS_WORKER_CONCURRENCY: '4',
      TENANTATLAS_METRICS_PORT: String(metricsPort),
    },
  });
  /** The server's JavaScript heap in use, from its own metrics endpoint. */
  const heapInUseMiB = async () => {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    return Number(/^tenantatlas_process_nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1] ?? 0) / 1024 / 1024;
  };
  /** Memory after a full collection: the snapshot forces one; heap in use and resident memory are read right after. */
  const settledMemory = async (label: string): Promise<{ label: string; heap: number; rss: number; census: HeapCensus }> => {
    const census = censusOf(await takeHeapSnapshot(server.pid!, snapshotDir, heapInUseMiB));
    const memory = { label, heap: await heapInUseMiB(), rss: rssMiB(server.pid!), census };
    log(`${label}: heap in use ${memory.heap.toFixed(1)} MiB, resident ${memory.rss.toFixed(0)} MiB, ${countOf(census, 'ServerResponse')} ServerResponse objects`);
    return memory;
  };
  const openStreams = async () => {
    const streams: Stream[] = [];
    for (let n = 0; n < STREAMS; n += 1) {
      const tenantId = tenantIds[n % tenantIds.length]!;
      streams.push(await openStream(`${base}/api/tenants/${tenantId}/events`, token, tenantId));
    }
    return streams;
  };
  const closeStreams = async (streams: Stream[]) => {
    for (const stream of streams) stream.close();
    // Let the server see every close and the last deliveries drain before measuring.
    await new Promise((resolve) => setTimeout(resolve, 5000));
  };
  try {
    const start = (tenantId: number) =>
      fetch(`${base}/api/tenants/${tenantId}/inventory/sync`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ policy_types: ['deviceCompliancePolicy'] }) });
    const syncFor = async (seconds: number) => {
      const until = Date.now() + seconds * 1000;
      while (Date.now() < until) {
        await Promise.all(tenantIds.map(start));
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    };
    // Warm up: a sync per tenant and one short open/close of every stream, so the baseline is a server that has
    // served, run and streamed things (code compiled, pools and caches at their working size).
    await Promise.all(tenantIds.map(start));
    await closeStreams(await openStreams());
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const baseline = await settledMemory('baseline');

    log(`opening ${STREAMS} streams…`);
    const streams = await openStreams();
    const opened = new Date();
    log(`${STREAMS} streams open; starting syncs for ${SECONDS} s…`);
    await syncFor(SECONDS);
    // Let the last runs finish and their events arrive.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const withStreams = await settledMemory('with the streams open');
    const runs = await sql<{ id: number; tenant_id: number; completed_at: Date }>`
      SELECT id, tenant_id, completed_at FROM operation_runs WHERE status = 'completed' AND completed_at > ${opened} ORDER BY id`.execute(database.db);
    let expected = 0;
    let missing = 0;
    const delays: number[] = [];
    for (const run of runs.rows) {
      for (const stream of streams.filter((candidate) => candidate.tenantId === run.tenant_id)) {
        expected += 1;
        const at = stream.completed.get(run.id);
        if (at === undefined) missing += 1;
        else delays.push(at - run.completed_at.getTime());
      }
    }
    delays.sort((a, b) => a - b);
    const p = (q: number) => Math.round(delays[Math.min(delays.length - 1, Math.floor(q * delays.length))] ?? 0);
    await closeStreams(streams);
    const afterCycles = [await settledMemory('after closing them')];
    for (let cycle = 1; cycle <= EXTRA_CYCLES; cycle += 1) {
      const again = await openStreams();
      await syncFor(10);
      await new Promise((resolve) => setTimeout(resolve, 5000));
      await closeStreams(again);
      afterCycles.push(await settledMemory(`after open/close cycle ${cycle + 1}`));
    }
    const after = afterCycles[0]!;
    const last = afterCycles.at(-1)!;
    const growth = largestGrowth(baseline.census, last.census);
    log(`runs completed ${runs.rows.length}, deliveries ${expected - missing}/${expected}, delay p50 ${p(0.5)} ms p95 ${p(0.95)} ms max ${p(1)} ms`);
    log(`largest growth baseline → last cycle: ${growth.map((row) => `${row.name} +${row.more} (${(row.bytes / 1024).toFixed(0)} KiB)`).join(', ')}`);
    const within = (value: number, of: number) => (value <= of * 1.1 ? 'met' : '**missed**');
    const mib = (value: number) => value.toFixed(1);
    writeReportSection(path.join(repoRoot, 'docs/PERFORMANCE.md'), 'event-streams', [
      '## 1,000 live-update streams while runs complete (issue 10)',
      '',
      `Generated by \`npm run bench:streams\` (\`bench/event-streams.ts\`) on ${new Date().toISOString().slice(0, 10)}: one \`tenantatlas serve\` (compiled, in-process worker) on`,
      `local PostgreSQL, ${os.cpus().length} cores shared with the benchmark; ${STREAMS} streams over ${TENANTS} tenants for ${SECONDS} s while an inventory sync of every tenant was started`,
      'every 2 s against graph-sim (a start while one runs is reused, as in the console). Memory is read right after a heap snapshot,',
      `which runs a full garbage collection first; then ${EXTRA_CYCLES} more cycles of opening ${STREAMS} streams, 10 s of syncs and closing them.`,
      '',
      '| measure | result | target |',
      '|---|---|---|',
      `| runs completed while the streams were open | ${runs.rows.length} | |`,
      `| completions delivered to the streams of their tenant | ${expected - missing} of ${expected} | all — ${missing === 0 ? 'met' : '**missed**'} |`,
      `| delay from completed_at to arrival, p50 / p95 / max | ${p(0.5)} / ${p(0.95)} / ${p(1)} ms | p95 ≤ 1,000 ms — ${p(0.95) <= 1000 ? 'met' : '**missed**'} |`,
      `| live heap after a full collection: baseline / streams open / after closing | ${mib(baseline.heap)} / ${mib(withStreams.heap)} / ${mib(after.heap)} MiB | back within 10% — ${within(after.heap, baseline.heap)} |`,
      `| live heap after each further open/close cycle | ${afterCycles.slice(1).map((cycle) => mib(cycle.heap)).join(' / ')} MiB | no growth per cycle — ${within(last.heap, after.heap)} |`,
      `| resident memory: baseline / streams open / after closing / after the last cycle | ${baseline.rss.toFixed(0)} / ${withStreams.rss.toFixed(0)} / ${after.rss.toFixed(0)} / ${last.rss.toFixed(0)} MiB | back within 10% — ${within(last.rss, baseline.rss)} |`,
      `| response objects alive: baseline / streams open / after the last cycle | ${countOf(baseline.census, 'ServerResponse')} / ${countOf(withStreams.census, 'ServerResponse')} / ${countOf(last.census, 'ServerResponse')} | none left behind |`,
      `| largest growth by constructor, baseline → after the last cycle | ${growth.slice(0, 5).map((row) => `${row.name} +${row.more}`).join(', ') || 'none'} | |`,
    ]);
  } finally {
    rmSync(snapshotDir, { recursive: true, force: true });
    server.kill('SIGTERM');
    await database.close();
    await sim.close();
  }
}

await main();
