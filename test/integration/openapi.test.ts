import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodApp } from '../../src/http/app-context';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { buildTestApp } from '../support/test-app';

describe('GET /api/openapi.json', () => {
  let database: TestDatabase;
  let app: ZodApp;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = await buildTestApp(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('documents every /api route, generated from the validating schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const served = app.routeAccessTable
      .filter((r) => r.url !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.url.replace(/:([a-z_]+)/g, '{$1}')}`);
    for (const route of served) expect(documented, route).toContain(route);
    const create = doc.paths['/api/workspaces/{workspace_id}/tenants']?.post as { requestBody: { content: Record<string, { schema: { required: string[] } }> } };
    expect(create.requestBody.content['application/json']?.schema.required).toContain('name');
  });
});
