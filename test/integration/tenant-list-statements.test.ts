import { sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodApp } from '../../src/http/app-context';
import { bearer, buildTestApp, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 20 (throughput): the tenant list answers its page and the filter chips' status_counts with one statement —
// one round trip and one pooled connection per request, where it used to send two. An empty page (a filter nothing
// matches) still answers the counts of everything matching the search.

/** Counts the statements sent that read the tenants table (a query embedded in another is not sent by itself). */
class TenantReads implements KyselyPlugin {
  count = 0;
  private readonly readingTenants = new WeakSet<object>();
  transformQuery(args: PluginTransformQueryArgs) {
    if (JSON.stringify(args.node).includes('"name":"tenants"')) this.readingTenants.add(args.queryId);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    if (this.readingTenants.has(args.queryId)) this.count += 1;
    return args.result;
  }
}

describe.each(databaseTargets())('the tenant list statements on %s', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let reader: TestMember;
  let workspaceId: number;
  const reads = new TenantReads();

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp({ ...database, db: database.db.withPlugin(reads) });
    workspaceId = (await createTestWorkspace(database, 'statements')).id;
    reader = await createMember(database, 'statements', 'reader@statements.example', 'readonly');
    await sql`INSERT INTO tenants (workspace_id, name, status) VALUES (${workspaceId}, 'Alpha', 'active'), (${workspaceId}, 'Beta', 'active'), (${workspaceId}, 'Gamma', 'draft')`.execute(database.db);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const page = async (query: string) => {
    const before = reads.count;
    const response = await bearer(app, reader.token, 'GET', `/api/workspaces/${workspaceId}/tenants${query}`);
    expect(response.statusCode).toBe(200);
    return { body: response.json() as { tenants: Array<{ name: string }>; next_cursor: string | null; status_counts: Record<string, number> }, statements: reads.count - before };
  };

  it('reads a page and its status_counts in one statement', async () => {
    const { body, statements } = await page('?limit=2');
    expect(body.tenants.map((tenant) => tenant.name)).toEqual(['Alpha', 'Beta']);
    expect(body.next_cursor).not.toBeNull();
    expect(body.status_counts).toEqual({ draft: 1, onboarding: 0, active: 2, archived: 0, invalid: 0 });
    expect(statements).toBe(1);
  });

  it('answers the counts of the search on an empty page', async () => {
    const { body, statements } = await page('?status=archived');
    expect(body).toEqual({ tenants: [], next_cursor: null, status_counts: { draft: 1, onboarding: 0, active: 2, archived: 0, invalid: 0 } });
    expect(statements).toBe(1);
    const none = await page('?q=nothing-matches');
    expect(none.body).toEqual({ tenants: [], next_cursor: null, status_counts: { draft: 0, onboarding: 0, active: 0, archived: 0, invalid: 0 } });
  });
});
