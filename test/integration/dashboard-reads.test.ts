import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodApp } from '../../src/http/app-context';
import { consoleLinks } from '../../src/http/console-paths';
import { readPortfolio } from '../../src/use-cases/dashboard/read-portfolio';
import { readTenantDashboard } from '../../src/use-cases/dashboard/read-tenant-dashboard';
import { insertTenant } from '../support/operations-harness';
import { bearer, buildTestApp, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 20 (throughput): the portfolio answers in pages (500 tenants in one answer were about 1 MB, serialized on
// every request), and the dashboard and a portfolio page read their facts with a fixed, small number of statements
// (each statement is a round trip and a result to parse; bench/profile-route.ts showed those, not PostgreSQL's
// work, to be where the time went).

interface PortfolioBody {
  rows: Array<{ tenant: { id: number; name: string }; drift: { open_total: number } }>;
  total_tenants: number;
  matching_tenants: number;
  next_cursor: string | null;
}

// Names whose order depends on ignoring case, as the portfolio's name sort does.
const names = ['echo', 'Bravo', 'alpha', 'Delta', 'charlie', 'Foxtrot', 'golf'];

describe.each(databaseTargets())('portfolio pages and dashboard reads on %s', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let viewer: TestMember;
  let workspaceId: number;
  const tenantIds = new Map<string, number>();

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database);
    workspaceId = (await createTestWorkspace(database, 'paged')).id;
    viewer = await createMember(database, 'paged', 'viewer@paged.example', 'readonly');
    for (const name of names) tenantIds.set(name, await insertTenant(database, workspaceId, name, name === 'Delta' ? 'draft' : 'active'));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const portfolio = async (query: string) => {
    const response = await bearer(app, viewer.token, 'GET', `/api/workspaces/${workspaceId}/portfolio?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as PortfolioBody;
  };
  /** Every page of a query, following next_cursor; the names of each page. */
  const allPages = async (query: string) => {
    const pages: string[][] = [];
    let body = await portfolio(query);
    for (;;) {
      pages.push(body.rows.map((row) => row.tenant.name));
      if (!body.next_cursor) return { pages, last: body };
      body = await portfolio(`${query}&cursor=${encodeURIComponent(body.next_cursor)}`);
    }
  };

  it('pages the portfolio by name: each tenant once, in the order of the whole table, with the counts on every page', async () => {
    expect((await portfolio('limit=500')).rows.map((row) => row.tenant.name)).toEqual(['alpha', 'Bravo', 'charlie', 'Delta', 'echo', 'Foxtrot', 'golf']);
    const ascending = await allPages('limit=3');
    expect(ascending.pages).toEqual([['alpha', 'Bravo', 'charlie'], ['Delta', 'echo', 'Foxtrot'], ['golf']]);
    expect(ascending.last).toMatchObject({ total_tenants: 7, matching_tenants: 7, next_cursor: null });
    expect((await allPages('limit=4&direction=desc')).pages).toEqual([['golf', 'Foxtrot', 'echo', 'Delta'], ['charlie', 'Bravo', 'alpha']]);
    // Filtered by lifecycle (a column, not a computed fact), still by name.
    const active = await allPages('limit=2&lifecycle=active');
    expect(active.pages.flat()).toEqual(['alpha', 'Bravo', 'charlie', 'echo', 'Foxtrot', 'golf']);
    expect(active.last).toMatchObject({ total_tenants: 7, matching_tenants: 6 });
    // 50 rows unless asked otherwise.
    expect((await portfolio('')).rows).toHaveLength(7);
  });

  it('pages a portfolio sorted or filtered by a computed fact in the same order as unpaged, and refuses a cursor of the other kind', async () => {
    const whole = (await portfolio('sort=lifecycle&limit=500')).rows.map((row) => row.tenant.name);
    expect((await allPages('sort=lifecycle&limit=2')).pages.flat()).toEqual(whole);
    const stale = await allPages('stale=true&limit=4');
    expect(stale.pages.map((page) => page.length)).toEqual([4, 3]);
    expect(stale.last.matching_tenants).toBe(7);

    const byName = (await portfolio('limit=2')).next_cursor!;
    const byPosition = (await portfolio('sort=lifecycle&limit=2')).next_cursor!;
    for (const query of [`sort=lifecycle&cursor=${encodeURIComponent(byName)}`, `cursor=${encodeURIComponent(byPosition)}`, 'cursor=not-a-cursor', 'limit=0', 'limit=501']) {
      const refused = await bearer(app, viewer.token, 'GET', `/api/workspaces/${workspaceId}/portfolio?${query}`);
      expect(refused.statusCode, query).toBe(400);
      expect(refused.json().error.field, query).toBe(query.includes('limit') ? 'limit' : 'cursor');
    }
  });

  /** The statements `work` sends through a counting view of the database. */
  const statementsOf = async (work: (db: TestDatabase['db']) => Promise<unknown>) => {
    let count = 0;
    // transformResult runs once per executed statement (transformQuery also runs for every subquery built).
    const counting: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        count += 1;
        return args.result;
      },
    };
    await work(database.db.withPlugin(counting));
    return count;
  };

  it('reads a tenant dashboard with five statements and a portfolio page with two, however many tenants the workspace has', async () => {
    const id = tenantIds.get('alpha')!;
    const now = new Date();
    expect(await statementsOf((db) => readTenantDashboard(db, { id }, consoleLinks('paged', id), now))).toBe(5);
    const page = (db: TestDatabase['db']) =>
      readPortfolio(db, workspaceId, { filter: {}, sort: 'name', direction: 'asc', limit: 2 }, (tenantId) => consoleLinks('paged', tenantId), now);
    expect(await statementsOf(page)).toBe(2);
    for (let extra = 0; extra < 5; extra += 1) await insertTenant(database, workspaceId, `zulu ${extra}`, 'active');
    expect(await statementsOf(page)).toBe(2);
    // Sorted by a computed fact, the whole workspace is read — in one statement, not one per tenant.
    expect(await statementsOf((db) => readPortfolio(db, workspaceId, { filter: {}, sort: 'open_findings', direction: 'desc', limit: 2 }, (tenantId) => consoleLinks('paged', tenantId), now))).toBeLessThanOrEqual(2);
  });
});
