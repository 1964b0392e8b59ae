// The findings list (SPEC §4): keyset pages that lose nothing when many findings share one creation time (a
// scan writes its findings in one transaction), and filters that combine.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodApp } from '../../src/http/app-context';
import { bearer, buildTestApp, createMember, createTestWorkspace, type TestMember } from '../support/test-app';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';
import { insertTenant } from '../support/operations-harness';

describe.each(databaseTargets())('GET /api/tenants/:id/findings (%s)', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let reader: TestMember;
  let tenantId: number;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database);
    const workspace = await createTestWorkspace(database, 'findings');
    reader = await createMember(database, 'findings', 'reader@findings.example', 'readonly');
    tenantId = await insertTenant(database, workspace.id, 'Findings', 'active');
    // Seven findings written at one instant, as one scan writes them; three of them high.
    await database.db.transaction().execute(async (trx) => {
      for (let n = 1; n <= 7; n += 1) {
        await sql`INSERT INTO findings (tenant_id, kind, severity, fingerprint, policy_type) VALUES (${tenantId}, 'changed_policy', ${n <= 3 ? 'high' : 'medium'}, ${`fp-${n}`}, 'settingsCatalogPolicy')`.execute(trx);
      }
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const walk = async (query: string) => {
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await bearer(app, reader.token, 'GET', `/api/tenants/${tenantId}/findings?limit=3${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page = response.json<{ findings: Array<{ id: number }>; next_cursor: string | null }>();
      ids.push(...page.findings.map((finding) => finding.id));
      cursor = page.next_cursor;
    } while (cursor);
    return ids;
  };

  it('pages through findings created at the same instant without skipping or repeating one', async () => {
    const ids = await walk('');
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('filters by severity and status together, and refuses a value the spec does not name', async () => {
    expect(await walk('&severity=high&status=open')).toHaveLength(3);
    const invalid = await bearer(app, reader.token, 'GET', `/api/tenants/${tenantId}/findings?severity=urgent`);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toContain('severity');
  });
});
