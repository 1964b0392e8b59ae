import { describe, expect, it } from 'vitest';
import { AccessCache, uncachedAccess, type TokenOwner, type WorkspaceRole } from '../../src/http/access-cache';

// The per-process memory of token owners and workspace roles (issue 10): it may save database round trips, but
// never keep access alive past its end — a notification, a lapse of its few seconds, or a token's expiry ends it.
const owner = (overrides: Partial<TokenOwner> = {}): TokenOwner => ({ id: 7, email: 'a@example.com', name: 'A', token_id: 70, last_used_at: null, expires_at: null, ...overrides });
const member = (role: string | null = 'operator'): WorkspaceRole => ({ workspace_id: 3, role });

function counting<T>(value: T | undefined) {
  const loader = { calls: 0, value, load: async () => { loader.calls += 1; return loader.value; } };
  return loader;
}

describe('AccessCache', () => {
  it('answers a repeated token lookup from memory within its lifetime, and asks again after it', async () => {
    let now = 1_000;
    const cache = new AccessCache(5_000, () => now);
    const loader = counting(owner());
    await cache.tokenOwner('hash', loader.load);
    now += 4_999;
    expect(await cache.tokenOwner('hash', loader.load)).toMatchObject({ id: 7 });
    expect(loader.calls).toBe(1);
    now += 1;
    await cache.tokenOwner('hash', loader.load);
    expect(loader.calls).toBe(2);
  });

  it('never remembers a token that was not found, so a new token works at once', async () => {
    const cache = new AccessCache(5_000, () => 0);
    const loader = counting<TokenOwner>(undefined);
    expect(await cache.tokenOwner('hash', loader.load)).toBeUndefined();
    loader.value = owner();
    expect(await cache.tokenOwner('hash', loader.load)).toMatchObject({ token_id: 70 });
    expect(loader.calls).toBe(2);
  });

  it('asks again once a remembered token has expired', async () => {
    let now = 10_000;
    const cache = new AccessCache(5_000, () => now);
    const loader = counting(owner({ expires_at: new Date(11_000) }));
    await cache.tokenOwner('hash', loader.load);
    now = 11_000;
    loader.value = undefined;
    expect(await cache.tokenOwner('hash', loader.load)).toBeUndefined();
  });

  it('forgets a token when its revocation is announced, and only that token', async () => {
    const cache = new AccessCache(5_000, () => 0);
    const revoked = counting(owner({ token_id: 70 }));
    const other = counting(owner({ token_id: 71 }));
    await cache.tokenOwner('revoked', revoked.load);
    await cache.tokenOwner('other', other.load);
    cache.forget({ kind: 'token', token_id: 70, user_id: 7 });
    revoked.value = undefined;
    expect(await cache.tokenOwner('revoked', revoked.load)).toBeUndefined();
    expect(await cache.tokenOwner('other', other.load)).toMatchObject({ token_id: 71 });
    expect(other.calls).toBe(1);
  });

  it('remembers only roles that grant access, and forgets them when the membership changes', async () => {
    const cache = new AccessCache(5_000, () => 0);
    const outsider = counting(member(null));
    await cache.workspaceRole('tenant:1', 8, outsider.load);
    await cache.workspaceRole('tenant:1', 8, outsider.load);
    expect(outsider.calls).toBe(2);

    const operator = counting(member('operator'));
    await cache.workspaceRole('tenant:1', 7, operator.load);
    await cache.workspaceRole('tenant:1', 7, operator.load);
    expect(operator.calls).toBe(1);
    cache.forget({ kind: 'membership', workspace_id: 4, user_id: 7 });
    await cache.workspaceRole('tenant:1', 7, operator.load);
    expect(operator.calls).toBe(1);
    cache.forget({ kind: 'membership', workspace_id: 3, user_id: 7 });
    operator.value = member('readonly');
    expect(await cache.workspaceRole('tenant:1', 7, operator.load)).toEqual(member('readonly'));
  });

  it('does not store what a lookup read before a change that was announced while it ran', async () => {
    const cache = new AccessCache(5_000, () => 0);
    let finish!: (value: WorkspaceRole) => void;
    const slow = cache.workspaceRole('tenant:1', 7, () => new Promise((resolve) => (finish = resolve)));
    cache.forget({ kind: 'membership', workspace_id: 3, user_id: 7 });
    finish(member('owner'));
    expect(await slow).toEqual(member('owner'));
    const after = counting(member(null));
    expect(await cache.workspaceRole('tenant:1', 7, after.load)).toEqual(member(null));
    expect(after.calls).toBe(1);
  });

  it('forgets everything when notifications may have been missed', async () => {
    const cache = new AccessCache(5_000, () => 0);
    const token = counting(owner());
    const role = counting(member());
    await cache.tokenOwner('hash', token.load);
    await cache.workspaceRole('run:5', 7, role.load);
    cache.forgetEverything();
    await cache.tokenOwner('hash', token.load);
    await cache.workspaceRole('run:5', 7, role.load);
    expect([token.calls, role.calls]).toEqual([2, 2]);
  });

  it('keeps nothing in a process that hears no notifications', async () => {
    const cache = uncachedAccess();
    const token = counting(owner());
    await cache.tokenOwner('hash', token.load);
    await cache.tokenOwner('hash', token.load);
    expect(token.calls).toBe(2);
  });
});
