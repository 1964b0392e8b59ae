import type { AccessChange } from '../jobs/run-change-feed';

// A few seconds' memory, per server process, of the two lookups every API request makes before its own
// queries: who a bearer token belongs to, and the viewer's role in the workspace that owns the record a route
// names (issue 10: under load these were two of a request's three or four database round trips).
//
// It may never let access outlive its end by more than the time a notification takes to arrive:
// - Only what grants access is kept; "no such token" and "not a member" are always asked again, so a new
//   token or membership works at once.
// - Access that ends is announced by PostgreSQL to every process (`access_changed`: membership updated or
//   removed, token revoked or deleted — migrations 0004 and 0015); the entries it concerns are dropped.
// - When the change feed may have missed notifications (its connection dropped), everything is dropped.
// - A successful change made through this process drops everything before its response is sent, so the
//   person who made it never sees the old state on their next request (http/app.ts).
// - Entries live a few seconds at most (TENANTATLAS_ACCESS_CACHE_SECONDS, default 5), whatever happens; a token's
//   own expiry is checked on every use.

const MAX_ENTRIES = 10_000;

export interface TokenOwner {
  id: number;
  email: string | null;
  name: string | null;
  token_id: number;
  last_used_at: Date | null;
  expires_at: Date | null;
}

export interface WorkspaceRole {
  workspace_id: number;
  role: string | null;
}

interface Entry<T> {
  value: T;
  storedAt: number;
}

export class AccessCache {
  private readonly tokens = new Map<string, Entry<TokenOwner>>();
  private readonly roles = new Map<string, Entry<WorkspaceRole> & { userId: number }>();
  /**
   * Moves on every forget: a lookup that started before a change and answers after its notification must not
   * store what it read before the change.
   */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The owner of a bearer token (by its hash): remembered, else `load`ed and remembered when found. */
  async tokenOwner(tokenHash: string, load: () => Promise<TokenOwner | undefined>): Promise<TokenOwner | undefined> {
    const kept = this.fresh(this.tokens, tokenHash);
    if (kept && (kept.expires_at === null || kept.expires_at.getTime() > this.now())) return kept;
    const generation = this.generation;
    const found = await load();
    if (found && generation === this.generation) this.store(this.tokens, tokenHash, { value: found, storedAt: this.now() });
    else this.tokens.delete(tokenHash);
    return found;
  }

  /** The workspace owning a scoped record and the user's role there: remembered only when they are a member. */
  async workspaceRole(key: string, userId: number, load: () => Promise<WorkspaceRole | undefined>): Promise<WorkspaceRole | undefined> {
    const cacheKey = `${key}:${userId}`;
    const kept = this.fresh(this.roles, cacheKey);
    if (kept) return kept;
    const generation = this.generation;
    const found = await load();
    if (found?.role && generation === this.generation) this.store(this.roles, cacheKey, { value: found, storedAt: this.now(), userId });
    else this.roles.delete(cacheKey);
    return found;
  }

  /** Drops what an access notification concerns. */
  forget(change: AccessChange): void {
    // Sessions are read from the database on every request; nothing of them is kept here.
    if (change.kind === 'session') return;
    this.generation += 1;
    if (change.kind === 'token') {
      for (const [key, entry] of this.tokens) if (entry.value.token_id === change.token_id) this.tokens.delete(key);
      return;
    }
    for (const [key, entry] of this.roles) {
      if (entry.userId === change.user_id && entry.value.workspace_id === change.workspace_id) this.roles.delete(key);
    }
  }

  forgetEverything(): void {
    this.generation += 1;
    this.tokens.clear();
    this.roles.clear();
  }

  private fresh<T>(map: Map<string, Entry<T>>, key: string): T | undefined {
    const entry = map.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt < this.ttlMs) return entry.value;
    map.delete(key);
    return undefined;
  }

  private store<E extends Entry<unknown>>(map: Map<string, E>, key: string, entry: E): void {
    if (this.ttlMs <= 0) return;
    // Maps iterate in insertion order: past the bound, the oldest entry goes.
    map.delete(key);
    if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value!);
    map.set(key, entry);
  }
}

/** A cache that keeps nothing: for a process that hears no access notifications (no change feed). */
export function uncachedAccess(): AccessCache {
  return new AccessCache(0);
}
