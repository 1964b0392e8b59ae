import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../src/db/database';
import { createApiToken } from '../src/use-cases/accounts/create-api-token';
import { loadBench, startBenchServer } from './bench-server';

// Where one route's time goes (issue 10): `npx tsx bench/profile-route.ts /api/tenants/1/dashboard` after
// `npm run bench:load` has left its database behind. Starts a compiled `serve --no-worker` under `--cpu-prof`, puts
// 50 connections on the route for 15 s, and prints the process's CPU time by what spent it. Extra environment (for
// example TENANTATLAS_ACCESS_CACHE_SECONDS=0) passes through to the server.
const route = process.argv[2];
if (!route) throw new Error('usage: tsx bench/profile-route.ts /api/…');
const databaseUrl = process.env.BENCH_PROFILE_DATABASE_URL ?? loadBench.defaultUrl;

/** What a profile node's time counts as: the buckets PERFORMANCE.md reports. */
function bucketOf(url: string, functionName: string): string {
  if (functionName === '(idle)') return 'idle (waiting for PostgreSQL or clients)';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === 'writev' || functionName === 'writeBuffer' || functionName === 'writeUtf8String') return 'socket writes (kernel: loopback TCP to PostgreSQL and clients)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg && ['kysely', 'pg', 'pg-pool', 'pg-protocol', 'postgres-date', 'pg-types', 'postgres-array'].includes(pkg)) return 'query building and the PostgreSQL driver';
  if (pkg && ['zod', 'fastify-type-provider-zod', 'fast-json-stringify'].includes(pkg)) return 'validation and serialization (Zod)';
  if (pkg && ['pino', '@pinojs/redact', 'sonic-boom', 'fast-redact', 'pino-std-serializers'].includes(pkg)) return 'logging';
  if (pkg && ['@fastify/session', '@fastify/cookie', '@fastify/csrf-protection'].includes(pkg)) return 'sessions and cookies';
  if (pkg) return 'Fastify, helmet and other HTTP plumbing';
  if (url.includes('/plugins/authentication') || url.includes('/plugins/access') || url.includes('access-cache') || url.includes('security/api-tokens') || url.startsWith('node:internal/crypto')) return 'authentication and access check (ours)';
  if (url.startsWith('node:') || url === '') return 'Node.js core (HTTP, streams, events)';
  return 'our route, use case and presenter code';
}

async function main() {
  const database = await openDatabase({ databaseUrl, poolSize: 1 });
  const { token } = await createApiToken(database.db, { email: 'bench@example.com', name: 'profile' });
  await database.close();
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'tenantatlas-profile-'));
  const { url: base, child } = await startBenchServer({ databaseUrl, secretKey: loadBench.secretKey, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
  const result = await autocannon({ url: `${base}${route}`, connections: 50, duration: 15, headers: { authorization: `Bearer ${token}` } });
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));

  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'))!;
  type ProfileNode = { id: number; callFrame: { functionName: string; url: string } };
  const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  rmSync(profileDir, { recursive: true, force: true });
  const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
  const byBucket = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const node = nodeById.get(id)!;
    const micros = profile.timeDeltas[index] ?? 0;
    total += micros;
    const bucket = bucketOf(node.callFrame.url, node.callFrame.functionName);
    byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + micros);
    const where = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/')}`;
    byFunction.set(where, (byFunction.get(where) ?? 0) + micros);
  });
  console.log(`${route}: ${result.requests.average} req/s at 50 connections (under the profiler), p99 ${result.latency.p99} ms`);
  for (const [bucket, micros] of [...byBucket].sort((a, b) => b[1] - a[1])) console.log(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${bucket}`);
  console.log('Functions with the most samples of their own:');
  for (const [where, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${where}`);
}

await main();
