import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLimiter } from '../../src/security/sign-in-limits';

// Issue 20 item 9: a counter store that fails while a failed sign-in is counted was swallowed without a word.
// A PostgreSQL address on 127.0.0.1 whose port refuses connections is a store that fails, on any machine.
describe('the sign-in limiter when its store fails', () => {
  let refusedPort: number;
  beforeAll(async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    refusedPort = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
  const limiters: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    for (const limiter of limiters) await limiter.close().catch(() => {});
  });

  it('reports the failure when a failed sign-in cannot be counted, and still answers', async () => {
    const heard: unknown[] = [];
    const limiter = createSignInLimiter(
      { perAddressAndEmail: 10, perAddress: 20, failuresPerAccount: 20 },
      `postgres://postgres@127.0.0.1:${refusedPort}/nothing`,
      (error) => heard.push(error),
    );
    limiters.push(limiter);
    await expect(limiter.recordFailure('someone@example.com')).resolves.toBeUndefined();
    expect(heard).toHaveLength(1);
    expect(String((heard[0] as Error).message ?? heard[0])).toMatch(/ECONNREFUSED|connect/i);
    // What it reports names no account: the store only ever sees digests.
    expect(JSON.stringify(heard[0], Object.getOwnPropertyNames(heard[0]))).not.toContain('someone@example.com');
  });

  it('does not report an account that is merely over its limit', async () => {
    const heard: unknown[] = [];
    const limiter = createSignInLimiter({ perAddressAndEmail: 10, perAddress: 20, failuresPerAccount: 1 }, undefined, (error) => heard.push(error));
    limiters.push(limiter);
    await limiter.recordFailure('over@example.com');
    await limiter.recordFailure('over@example.com');
    await limiter.recordFailure('over@example.com');
    expect(await limiter.admit('127.0.0.1', 'over@example.com')).toBeGreaterThan(0);
    expect(heard).toEqual([]);
  });
});
