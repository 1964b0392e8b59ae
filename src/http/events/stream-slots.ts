// How many live-update streams one account may hold open in this process: per user (all their sessions and
// tokens together) and per token. Beyond either, a new stream is refused (429) before it is opened, so one
// read-only token cannot tie up thousands of connections. Each process counts its own streams; a load
// balancer spreading one user over N servers allows N times the cap, which still bounds it.
export interface StreamLimits {
  perUser: number;
  perToken: number;
}

export class StreamSlots {
  readonly #byUser = new Map<number, number>();
  readonly #byToken = new Map<number, number>();

  constructor(private readonly limits: StreamLimits) {}

  /** A release function when a slot was free, null when the viewer is at a cap. Release exactly once. */
  take(viewer: { userId: number; tokenId: number | null }): (() => void) | null {
    const userCount = this.#byUser.get(viewer.userId) ?? 0;
    const tokenCount = viewer.tokenId === null ? 0 : (this.#byToken.get(viewer.tokenId) ?? 0);
    if (userCount >= this.limits.perUser || (viewer.tokenId !== null && tokenCount >= this.limits.perToken)) return null;
    this.#byUser.set(viewer.userId, userCount + 1);
    if (viewer.tokenId !== null) this.#byToken.set(viewer.tokenId, tokenCount + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      decrement(this.#byUser, viewer.userId);
      if (viewer.tokenId !== null) decrement(this.#byToken, viewer.tokenId);
    };
  }
}

function decrement(counts: Map<number, number>, key: number): void {
  const next = (counts.get(key) ?? 1) - 1;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}
