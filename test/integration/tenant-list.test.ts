import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodApp } from '../../src/http/app-context';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';
import { bearer, buildTestApp, createMember, createTestWorkspace, type TestMember } from '../support/test-app';

// The paged tenant list (issue 9, SPEC §4): keyset pages that cover every tenant exactly once, server-side
// search and lifecycle filter, status_counts for the chips, refused cursors, and nothing of another workspace.
interface Page {
  tenants: Array<{ id: number; name: string; status: string | null }>;
  next_cursor: string | null;
  status_counts: Record<string, number>;
}

describe.each(databaseTargets())('the paged tenant list on %s', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let reader: TestMember;
  let workspaceId: number;
  const statuses = ['draft', 'onboarding', 'active', 'archived', 'ACTIVE ', null] as const;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database);
    workspaceId = (await createTestWorkspace(database, 'many')).id;
    reader = await createMember(database, 'many', 'reader@many.example', 'readonly');
    const other = (await createTestWorkspace(database, 'other')).id;
    // 137 tenants, with duplicate names (every name appears up to three times) and every kind of status.
    for (let i = 0; i < 137; i += 1) {
      const name = i % 40 === 0 ? 'Contoso 100% Ltd' : i % 41 === 0 ? 'Fab_rikam' : `Tenant ${String(i % 50).padStart(2, '0')}`;
      await sql`INSERT INTO tenants (workspace_id, name, domain, status) VALUES (${workspaceId}, ${name}, ${`t${i}.onmicrosoft.com`}, ${statuses[i % statuses.length]})`.execute(database.db);
    }
    await sql`INSERT INTO tenants (workspace_id, name, status) VALUES (${other}, 'Tenant 01', 'active'), (${other}, 'Contoso 100% Ltd', 'draft'), (${other}, 'Other-only Ltd', 'active')`.execute(database.db);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = async (query: string) => {
    const response = await bearer(app, reader.token, 'GET', `/api/workspaces/${workspaceId}/tenants${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  };
  const walk = async (query: string, limit: number) => {
    const seen: Page['tenants'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await get(`?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.tenants);
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor);
    return { seen, pages };
  };

  it('pages through every tenant exactly once, in name order, with duplicate names', async () => {
    const { seen, pages } = await walk('', 25);
    expect(pages).toBe(6);
    expect(seen).toHaveLength(137);
    expect(new Set(seen.map((t) => t.id)).size).toBe(137);
    const order = seen.map((t) => `${t.name}\u0000${String(t.id).padStart(8, '0')}`);
    expect(order).toEqual([...order].sort());
  });

  it('answers 50 by default and counts every lifecycle filter value, zeros included', async () => {
    const page = await get('');
    expect(page.tenants).toHaveLength(50);
    expect(page.status_counts).toEqual({ draft: 23, onboarding: 23, active: 23, archived: 23, invalid: 45 });
  });

  it('filters by lifecycle, the invalid fallback included, and pages within the filter', async () => {
    const invalid = await walk('&status=invalid', 10);
    expect(invalid.seen).toHaveLength(45);
    expect(invalid.seen.every((t) => t.status === null || t.status === 'ACTIVE ')).toBe(true);
    const active = await walk('&status=active', 7);
    expect(active.seen).toHaveLength(23);
    expect(active.seen.every((t) => t.status === 'active')).toBe(true);
  });

  it('searches name, domain and Entra id case-insensitively, % and _ matching themselves', async () => {
    const percent = await get(`?q=${encodeURIComponent('100%')}`);
    expect(percent.tenants.map((t) => t.name)).toEqual(Array(percent.tenants.length).fill('Contoso 100% Ltd'));
    expect(percent.tenants.length).toBe(4);
    expect(percent.status_counts).toMatchObject({ draft: expect.any(Number) });
    const underscore = await get(`?q=${encodeURIComponent('b_r')}`);
    expect(underscore.tenants.every((t) => t.name === 'Fab_rikam')).toBe(true);
    expect(underscore.tenants.length).toBe(3);
    const literal = await get(`?q=${encodeURIComponent('_')}`);
    expect(literal.tenants.every((t) => t.name.includes('_'))).toBe(true);
    const domain = await get('?q=T7.ONMICROSOFT');
    expect(domain.tenants).toHaveLength(1);
    const counts = Object.values(percent.status_counts).reduce((a, b) => a + b, 0);
    expect(counts).toBe(4);
  });

  it('refuses garbage and impossible cursors with 400 naming the cursor', async () => {
    for (const cursor of ['garbage', Buffer.from('["x", -1]').toString('base64url'), Buffer.from('["a\\u0000b", 1]').toString('base64url')]) {
      const response = await bearer(app, reader.token, 'GET', `/api/workspaces/${workspaceId}/tenants?cursor=${cursor}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('cursor');
    }
    const unknownStatus = await bearer(app, reader.token, 'GET', `/api/workspaces/${workspaceId}/tenants?status=deleted`);
    expect(unknownStatus.statusCode).toBe(400);
    expect(unknownStatus.json().error.field).toBe('status');
    const nulSearch = await bearer(app, reader.token, 'GET', `/api/workspaces/${workspaceId}/tenants?q=${encodeURIComponent('a\u0000b')}`);
    expect(nulSearch.statusCode).toBe(400);
    expect(nulSearch.json().error.field).toBe('q');
    for (const limit of ['0', '101', 'ten']) {
      const response = await bearer(app, reader.token, 'GET', `/api/workspaces/${workspaceId}/tenants?limit=${limit}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('limit');
    }
  });

  it('never shows or counts another workspace\'s tenants, even when only they match', async () => {
    const { seen } = await walk('', 100);
    const ids = seen.map((t) => t.id);
    const foreign = await sql<{ id: number }>`SELECT id FROM tenants WHERE workspace_id <> ${workspaceId}`.execute(database.db);
    expect(foreign.rows.length).toBeGreaterThan(0);
    expect(ids.filter((id) => foreign.rows.some((row) => Number(row.id) === id))).toEqual([]);
    const onlyForeign = await get(`?q=${encodeURIComponent('other-only')}`);
    expect(onlyForeign.tenants).toEqual([]);
    expect(onlyForeign.status_counts).toEqual({ draft: 0, onboarding: 0, active: 0, archived: 0, invalid: 0 });
  });
});

describe.each(databaseTargets())('tenant list cursors and search with awkward names on %s', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let manager: TestMember;
  let workspaceId: number;
  // Every name the API accepts must be pageable past: 200 characters that JSON escapes to six bytes each,
  // quotes and backslashes, three-byte characters, emoji.
  const names = ['\u0001'.repeat(200), '"\\'.repeat(100), '界'.repeat(200), '😀'.repeat(100), 'Back\\slash Ltd', 'Plain'];

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database);
    workspaceId = (await createTestWorkspace(database, 'awkward')).id;
    manager = await createMember(database, 'awkward', 'manager@awkward.example', 'manager');
    for (const [i, name] of names.entries()) {
      const entra = `0000000${i}-1111-4222-8333-abcdefabcdef`;
      const response = await bearer(app, manager.token, 'POST', `/api/workspaces/${workspaceId}/tenants`, { name, entra_tenant_id: entra });
      expect(response.statusCode, response.body).toBe(201);
    }
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('pages one tenant at a time past every name the API accepts', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await bearer(app, manager.token, 'GET', `/api/workspaces/${workspaceId}/tenants?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as Page;
      seen.push(...page.tenants.map((t) => t.name));
      cursor = page.next_cursor;
    } while (cursor);
    expect([...seen].sort()).toEqual([...names].sort());
  });

  it('matches a backslash literally and searches the Entra tenant id case-insensitively', async () => {
    const backslash = await bearer(app, manager.token, 'GET', `/api/workspaces/${workspaceId}/tenants?q=${encodeURIComponent('k\\s')}`);
    expect((backslash.json() as Page).tenants.map((t) => t.name)).toEqual(['Back\\slash Ltd']);
    const entra = await bearer(app, manager.token, 'GET', `/api/workspaces/${workspaceId}/tenants?q=00000005-1111-4222-8333-ABCDEF`);
    expect((entra.json() as Page).tenants.map((t) => t.name)).toEqual(['Plain']);
  });
});
