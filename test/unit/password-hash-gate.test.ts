import { describe, expect, it } from 'vitest';
import { createPasswordHashGate, PasswordHashBusy } from '../../src/security/password-hash-gate';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('the password hash gate', () => {
  it('runs at most `concurrency` at once and serves the newest waiter first', async () => {
    const gate = createPasswordHashGate({ concurrency: 1, queue: 3 });
    const order: string[] = [];
    const first = deferred();
    const running = gate.run(async () => {
      order.push('first');
      await first.promise;
    });
    const waiters = ['a', 'b', 'c'].map((name) => gate.run(async () => void order.push(name)));
    first.resolve();
    await Promise.all([running, ...waiters]);
    expect(order).toEqual(['first', 'c', 'b', 'a']);
  });

  it('turns the oldest waiter away when the waiting room is full, so the newest gets in', async () => {
    const gate = createPasswordHashGate({ concurrency: 1, queue: 2 });
    const block = deferred();
    const running = gate.run(() => block.promise);
    const oldest = gate.run(async () => 'oldest');
    const middle = gate.run(async () => 'middle');
    const newest = gate.run(async () => 'newest');
    await expect(oldest).rejects.toBeInstanceOf(PasswordHashBusy);
    block.resolve();
    await expect(newest).resolves.toBe('newest');
    await expect(middle).resolves.toBe('middle');
    await running;
  });

  it('turns a waiter away after the longest wait, and refuses at once without a waiting room', async () => {
    const gate = createPasswordHashGate({ concurrency: 1, queue: 5, maxWaitMs: 50 });
    const block = deferred();
    const running = gate.run(() => block.promise);
    await expect(gate.run(async () => 'late')).rejects.toBeInstanceOf(PasswordHashBusy);
    block.resolve();
    await running;
    const none = createPasswordHashGate({ concurrency: 1, queue: 0 });
    const hold = deferred();
    const busy = none.run(() => hold.promise);
    await expect(none.run(async () => 1)).rejects.toBeInstanceOf(PasswordHashBusy);
    hold.resolve();
    await busy;
  });
});
