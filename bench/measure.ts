export interface Timing {
  name: string;
  samples: number;
  p50_ms: number;
  p95_ms: number;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}

/** Runs `fn` `warmup` times unmeasured, then `samples` times, and reports p50/p95 wall time in ms. */
export async function measure(name: string, fn: () => Promise<void>, samples = 200, warmup = 20): Promise<Timing> {
  for (let i = 0; i < warmup; i += 1) await fn();
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { name, samples, p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)) };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
