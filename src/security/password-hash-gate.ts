// Password hashing (argon2id) is the product's most expensive operation: a few per second per core. The gate
// lets at most `concurrency` hashes run at once and keeps a small waiting room; everything beyond is answered
// at once with "busy, retry shortly" (503) instead of queueing until everyone's sign-in takes seconds.
//
// The waiting room is served newest first, and when it is full the OLDEST waiter is turned away to make room:
// after a burst of junk attempts, a person who signs in next is served next, not after the burst. (A plain
// FIFO queue — p-limit and friends — would put them behind all of it; hence this small class.) A waiter is
// also turned away after `maxWaitMs`, so nobody waits long in a continuous flood.

export class PasswordHashBusy extends Error {
  override readonly name = 'PasswordHashBusy';
  constructor() {
    super('Too many sign-ins are being checked right now.');
  }
}

export interface PasswordHashGate {
  run<T>(work: () => Promise<T>): Promise<T>;
}

interface Waiter {
  start: () => void;
  refuse: () => void;
  timer: NodeJS.Timeout;
}

export function createPasswordHashGate(options: { concurrency: number; queue: number; maxWaitMs?: number }): PasswordHashGate {
  const concurrency = Math.max(1, options.concurrency);
  const maxWaitMs = options.maxWaitMs ?? 3000;
  let running = 0;
  const waiting: Waiter[] = []; // oldest first; served from the end

  const next = () => {
    while (running < concurrency && waiting.length > 0) {
      const waiter = waiting.pop()!;
      clearTimeout(waiter.timer);
      waiter.start();
    }
  };

  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          running += 1;
          work()
            .then(resolve, reject)
            .finally(() => {
              running -= 1;
              next();
            });
        };
        if (running < concurrency) return start();
        if (options.queue <= 0) return reject(new PasswordHashBusy());
        if (waiting.length >= options.queue) {
          const oldest = waiting.shift()!;
          clearTimeout(oldest.timer);
          oldest.refuse();
        }
        const waiter: Waiter = {
          start,
          refuse: () => reject(new PasswordHashBusy()),
          timer: setTimeout(() => {
            const index = waiting.indexOf(waiter);
            if (index !== -1) waiting.splice(index, 1);
            waiter.refuse();
          }, maxWaitMs),
        };
        waiting.push(waiter);
      });
    },
  };
}
