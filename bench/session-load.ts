import autocannon from 'autocannon';
import { loadBench, startBenchServer } from './bench-server';

// `npx tsx bench/session-load.ts` after `npm run bench:load` (issue 10): the operations KPIs under 200 connections for
// 30 s, signed in the way the browser is — a session cookie, so every request also reads (and may write) its session
// row — on one compiled `serve --no-worker` over the load benchmark's database.
const databaseUrl = process.env.BENCH_PROFILE_DATABASE_URL ?? loadBench.defaultUrl;

async function main() {
  const { url: base, child } = await startBenchServer({ databaseUrl, secretKey: loadBench.secretKey, env: { TENANTATLAS_LOGIN_RATE_LIMIT: '1000' } });
  try {
    const signIn = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password' }) });
    if (!signIn.ok) throw new Error(`sign-in answered ${signIn.status}`);
    const cookie = signIn.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
    const tenant = ((await (await fetch(`${base}/api/workspaces/1/tenants?limit=1`, { headers: { cookie } })).json()) as { tenants: Array<{ id: number }> }).tenants[0]!.id;
    const result = await autocannon({ url: `${base}/api/tenants/${tenant}/operations/kpis`, connections: 200, duration: 30, headers: { cookie } });
    console.log(`operations KPIs with a session cookie: ${Math.round(result.requests.total / 30)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors + result.timeouts}, non-2xx ${result.non2xx}`);
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
