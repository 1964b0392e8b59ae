import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodApp } from '../../src/http/app-context';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';
import { buildTestApp, createMember, createTestWorkspace } from '../support/test-app';

// Hostile input on every route of the OpenAPI document, generated from the document itself, so a route
// added later is swept too: oversized, deeply nested, wrong types, NUL characters and lone surrogates, huge
// and negative ids, garbage and impossible cursors, unknown enum values. Nothing may answer 500, and every
// error must be in the product's shape { error: { code, message } }.

interface Operation {
  parameters?: Array<{ name: string; in: 'path' | 'query'; schema?: { enum?: unknown[] } }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  enum?: unknown[];
  anyOf?: JsonSchema[];
}
interface Probe {
  method: string;
  url: string;
  payload?: string;
  contentType?: string;
  label: string;
}

const NUL = '\u0000';
const impossibleDates = ['2026-02-30T10:00:00.000000Z', '2026-04-31T00:00:00.000000Z', '0000-01-01T00:00:00.000000Z'];
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hostileIds = ['0', '-1', '99999999999999999999', '9007199254740993', '1e3', '1.5', 'abc', '%00', '%F0%9F%98%80', 'x'.repeat(300)];
const hostileQueryValues = [
  NUL,
  '%00',
  '%ED%A0%80', // a lone surrogate, UTF-8 encoded (not valid UTF-8)
  'x'.repeat(5000),
  '-1',
  '99999999999999999999',
  'not-a-value',
  ...impossibleDates.map((date) => cursorOf([date, 1])),
  cursorOf(['2026-01-01T00:00:00.000000Z', -5]),
  cursorOf({ a: 1 }),
  '!!!garbage!!!',
];
const deeplyNested = `${'['.repeat(5000)}${']'.repeat(5000)}`;

function bodyProbes(schema: JsonSchema | undefined): Array<{ payload: string; label: string }> {
  const probes = [
    { payload: '', label: 'empty body' },
    { payload: '{', label: 'broken JSON' },
    { payload: 'null', label: 'null body' },
    { payload: '[]', label: 'array body' },
    { payload: '"text"', label: 'string body' },
    { payload: `{"a":${deeplyNested}}`, label: 'deeply nested body' },
    { payload: JSON.stringify({ padding: 'x'.repeat(200 * 1024) }), label: 'oversized body' },
    { payload: '{"__proto__":{"admin":true}}', label: 'prototype poisoning' },
  ];
  for (const [field, property] of Object.entries(schema?.properties ?? {})) {
    const wrong: Array<[string, string]> = [
      ['NUL character', JSON.stringify(`a${NUL}b`)],
      ['lone surrogate', '"a\\ud800b"'],
      ['lone low surrogate', '"\\udc00"'],
      ['oversized string', JSON.stringify('x'.repeat(20_000))],
      ['number', '123456789012345678901234567890'],
      ['negative number', '-1'],
      ['object', '{"nested":{"deeper":[1,2,3]}}'],
      ['array', '["a","b"]'],
      ['deep nesting', deeplyNested],
      ['boolean', 'true'],
      ['null', 'null'],
      ['unknown enum value', '"definitely_not_a_known_value"'],
      ['impossible date', JSON.stringify(impossibleDates[0])],
    ];
    for (const [label, value] of wrong) {
      probes.push({ payload: `{"${field}":${value}}`, label: `${field} as ${label}` });
      // The same, with every other field present and plausible, so validation reaches this field.
      const others = Object.keys(schema?.properties ?? {})
        .filter((other) => other !== field)
        .map((other) => `"${other}":${plausibleValue(schema?.properties?.[other])}`);
      if (others.length > 0) probes.push({ payload: `{${[...others, `"${field}":${value}`].join(',')}}`, label: `${field} as ${label}, others plausible` });
    }
    void property;
  }
  return probes;
}

function plausibleValue(schema: JsonSchema | undefined): string {
  const enumValue = schema?.enum?.[0] ?? schema?.anyOf?.find((s) => s.enum)?.enum?.[0];
  if (enumValue !== undefined) return JSON.stringify(enumValue);
  return JSON.stringify('11111111-2222-4333-8444-555555555555');
}

describe.each(databaseTargets())('bad-input sweep over every OpenAPI route on %s', (target) => {
  let database: TestDatabase;
  let app: ZodApp;
  let token: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    app = await buildTestApp(database);
    const workspace = await createTestWorkspace(database, 'sweep');
    token = (await createMember(database, 'sweep', 'owner@sweep.example', 'owner')).token;
    const tenant = await app.inject({
      method: 'POST',
      url: `/api/workspaces/${workspace.id}/tenants`,
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'Sweep tenant' },
    });
    const tenantId = tenant.json<{ tenant: { id: number } }>().tenant.id;
    const run = await sql<{ id: number }>`
      INSERT INTO operation_runs (workspace_id, tenant_id, type, status, outcome)
      VALUES (${workspace.id}, ${tenantId}, 'provider.verify', 'completed', 'failed') RETURNING id`.execute(database.db);
    ids = { workspace_id: String(workspace.id), tenant_id: String(tenantId), run_id: String(run.rows[0]!.id), finding_id: '1', user_id: '1', token_id: '1' };
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  async function probesFromOpenApi(): Promise<Probe[]> {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
    const probes: Probe[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const upper = method.toUpperCase();
        const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        const realPath = path.replace(/\{([a-z_]+)\}/g, (_m, name: string) => ids[name] ?? '1');
        const isStream = path.endsWith('/events');
        for (const name of pathParams) {
          for (const id of hostileIds) {
            probes.push({ method: upper, url: path.replace(/\{([a-z_]+)\}/g, (_m, other: string) => (other === name ? id : (ids[other] ?? '1'))), label: `${name}=${id.slice(0, 20)}` });
          }
        }
        if (isStream) continue; // A valid events URL opens a stream that never ends; its ids were swept above.
        for (const name of queryParams) {
          for (const value of hostileQueryValues) {
            const encoded = value.startsWith('%') ? value : encodeURIComponent(value);
            probes.push({ method: upper, url: `${realPath}?${name}=${encoded}`, label: `?${name}=${value.slice(0, 20)}` });
          }
          probes.push({ method: upper, url: `${realPath}?${name}=a&${name}=b`, label: `?${name} twice` });
        }
        if (upper !== 'GET' && upper !== 'DELETE') {
          const schema = operation.requestBody?.content?.['application/json']?.schema;
          for (const body of bodyProbes(schema)) {
            probes.push({ method: upper, url: realPath, payload: body.payload, contentType: 'application/json', label: body.label });
          }
          probes.push({ method: upper, url: realPath, payload: 'name=x', contentType: 'application/x-www-form-urlencoded', label: 'form body' });
          probes.push({ method: upper, url: realPath, payload: '{"name":"x"}', contentType: 'text/plain', label: 'text/plain body' });
        }
      }
    }
    return probes;
  }

  it('answers every hostile request without a 500, each error in the product shape', async () => {
    const probes = await probesFromOpenApi();
    expect(probes.length).toBeGreaterThan(300);
    const failures: string[] = [];
    for (const probe of probes) {
      const response = await app.inject({
        method: probe.method as 'GET',
        url: probe.url,
        headers: { authorization: `Bearer ${token}`, ...(probe.contentType ? { 'content-type': probe.contentType } : {}) },
        ...(probe.payload === undefined ? {} : { payload: probe.payload }),
      });
      const where = `${probe.method} ${probe.url.slice(0, 120)} [${probe.label}] → ${response.statusCode}`;
      // 503 is the honest answer of an app without an operations engine to a start request; never 500.
      if (response.statusCode >= 500 && response.statusCode !== 503) failures.push(`${where} ${response.body.slice(0, 200)}`);
      if (response.statusCode >= 400) {
        const body = safeJson(response.body) as { error?: { code?: unknown; message?: unknown } } | null;
        if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string') failures.push(`${where} not in the error shape: ${response.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('names the field of a refused NUL character or lone surrogate', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/workspaces/${ids.workspace_id}/tenants`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"name":"Con\\u0000toso"}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation', field: 'name' });
    const surrogate = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":"a\\ud800@example.com","password":"x"}',
    });
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().error).toMatchObject({ code: 'validation', field: 'email' });
  });

  it('refuses impossible cursor dates with 400 naming the cursor', async () => {
    for (const date of impossibleDates) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/tenants/${ids.tenant_id}/operations?cursor=${cursorOf([date, 1])}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode, date).toBe(400);
      expect(response.json().error.field).toBe('cursor');
    }
  });
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
