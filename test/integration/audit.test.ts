// The audit trail (issue 8): every audited change writes one entry with its actor, action and target and no
// secret; the database refuses to change or remove entries; the trail is filtered, keyset-paged and exported as CSV.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserApiToken, revokeUserApiToken } from '../../src/use-cases/accounts/create-api-token';
import { bearer, createMember, createTestWorkspace, SessionClient, type TestMember } from '../support/test-app';
import { databaseTargets } from '../support/test-database';
import { insertTenant, openEngineHarness, waitForCompletion, type EngineHarness } from '../support/operations-harness';

interface Entry {
  id: number;
  workspace_id: number | null;
  tenant_id: number | null;
  actor: { user_id: number | null; token_id: number | null; name: string | null };
  action: string;
  target_type: string | null;
  target_id: string | null;
  summary: Record<string, unknown>;
  ip: string | null;
  created_at: string;
}

describe.each(databaseTargets())('the audit trail on %s', (target) => {
  let harness: EngineHarness;
  let workspaceId: number;
  let manager: TestMember;
  let operator: TestMember;
  let reader: TestMember;
  const secret = 'Sup3r~Secret-Value-0123456789abcdefghij';

  beforeAll(async () => {
    harness = await openEngineHarness(target, { worker: false });
    workspaceId = (await createTestWorkspace(harness.database, 'audited')).id;
    manager = await createMember(harness.database, 'audited', 'manager@audited.example', 'manager');
    operator = await createMember(harness.database, 'audited', 'operator@audited.example', 'operator');
    reader = await createMember(harness.database, 'audited', 'reader@audited.example', 'readonly');
  });
  afterAll(async () => {
    await harness?.close();
  });

  const trail = async (query = '') => {
    const response = await bearer(harness.app, reader.token, 'GET', `/api/workspaces/${workspaceId}/audit?limit=200${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ entries: Entry[]; next_cursor: string | null }>().entries;
  };
  /** The newest entry with this action (the trail is newest first). */
  const latest = async (action: string) => (await trail(`&action=${action}`))[0];

  it('records a tenant created and its lifecycle changes, by whom, with before and after', async () => {
    const created = await bearer(harness.app, manager.token, 'POST', `/api/workspaces/${workspaceId}/tenants`, { name: 'Audited Co', domain: 'audited.onmicrosoft.com' });
    expect(created.statusCode).toBe(201);
    const tenantId = created.json().tenant.id as number;
    expect(await latest('tenant.created')).toMatchObject({
      workspace_id: workspaceId,
      tenant_id: tenantId,
      actor: { user_id: manager.id, token_id: expect.any(Number), name: 'manager' },
      target_type: 'tenant',
      target_id: String(tenantId),
      summary: { after: { name: 'Audited Co', status: 'draft' } },
      ip: expect.any(String),
    });
    await bearer(harness.app, manager.token, 'POST', `/api/tenants/${tenantId}/lifecycle`, { action: 'start_onboarding' });
    expect(await latest('tenant.lifecycle_changed')).toMatchObject({ tenant_id: tenantId, summary: { action: 'start_onboarding', before: { status: 'draft' }, after: { status: 'onboarding' } } });
    // A refused transition changes nothing, so it records nothing.
    const before = (await trail()).length;
    expect((await bearer(harness.app, manager.token, 'POST', `/api/tenants/${tenantId}/lifecycle`, { action: 'archive' })).statusCode).toBe(409);
    expect((await trail()).length).toBe(before);
  });

  it('records a saved provider connection without its secret anywhere in the entry', async () => {
    const tenantId = await insertTenant(harness.database, workspaceId, 'Connected', 'onboarding');
    const saved = await bearer(harness.app, manager.token, 'PUT', `/api/tenants/${tenantId}/provider-connection`, { client_id: '11111111-2222-3333-4444-555555555555', client_secret: secret });
    expect(saved.statusCode).toBe(200);
    const entry = await latest('provider_connection.saved');
    expect(entry).toMatchObject({ tenant_id: tenantId, target_type: 'provider_connection', summary: { after: { client_id: '11111111-2222-3333-4444-555555555555' } } });
    const raw = await sql<{ row: string }>`SELECT row_to_json(a)::text AS row FROM audit_entries a`.execute(harness.database.db);
    for (const { row } of raw.rows) expect(row).not.toContain(secret);
  });

  it('records operations started, reused and cancelled', async () => {
    const tenantId = await insertTenant(harness.database, workspaceId, 'Operated', 'active');
    const first = await bearer(harness.app, operator.token, 'POST', `/api/tenants/${tenantId}/drift/scan`);
    const second = await bearer(harness.app, operator.token, 'POST', `/api/tenants/${tenantId}/drift/scan`);
    expect(second.json().reused).toBe(true);
    const runId = first.json().run.id as number;
    expect(await latest('operation.started')).toMatchObject({ tenant_id: tenantId, actor: { user_id: operator.id }, target_type: 'operation_run', target_id: String(runId), summary: { type: 'drift.scan' } });
    expect(await latest('operation.reused')).toMatchObject({ target_id: String(runId) });
    expect((await bearer(harness.app, manager.token, 'POST', `/api/operations/${runId}/cancel`)).statusCode).toBe(200);
    expect(await latest('operation.cancelled')).toMatchObject({ tenant_id: tenantId, actor: { user_id: manager.id }, target_id: String(runId) });
    await waitForCompletion(harness.database, runId);
  });

  it('records findings acknowledged, closed with reason and note, and reopened', async () => {
    const tenantId = await insertTenant(harness.database, workspaceId, 'Drifted', 'active');
    const finding = await sql<{ id: number }>`
      INSERT INTO findings (tenant_id, kind, severity, fingerprint, policy_type, subject_display_name)
      VALUES (${tenantId}, 'changed_policy', 'high', 'audit-fp', 'settingsCatalogPolicy', 'Baseline policy') RETURNING id`.execute(harness.database.db);
    const id = finding.rows[0]!.id;
    await bearer(harness.app, operator.token, 'POST', `/api/findings/${id}/acknowledge`);
    expect(await latest('finding.acknowledged')).toMatchObject({ tenant_id: tenantId, target_type: 'finding', target_id: String(id), summary: { subject: 'Baseline policy', after: { acknowledged: true } } });
    await bearer(harness.app, manager.token, 'POST', `/api/findings/${id}/close`, { reason: 'risk_accepted', note: 'Signed off' });
    expect(await latest('finding.closed')).toMatchObject({ summary: { before: { status: 'open' }, after: { status: 'closed', closed_reason: 'risk_accepted', note: 'Signed off' } } });
    await bearer(harness.app, manager.token, 'POST', `/api/findings/${id}/reopen`);
    expect(await latest('finding.reopened')).toMatchObject({ actor: { user_id: manager.id }, summary: { after: { status: 'open' } } });
  });

  it('records schedule changes with the old and new interval', async () => {
    expect((await bearer(harness.app, manager.token, 'PUT', `/api/workspaces/${workspaceId}/schedule`, { interval_hours: 6 })).statusCode).toBe(200);
    expect(await latest('schedule.changed')).toMatchObject({ target_type: 'workspace', summary: { before: { interval_hours: 24 }, after: { interval_hours: 6 } } });
  });

  it('records sign-in, failed sign-in and sign-out in each of the person\'s workspaces, never the password', async () => {
    const browser = new SessionClient(harness.app);
    expect((await browser.login(reader.email, 'not-the-password')).statusCode).toBe(401);
    expect(await latest('auth.sign_in_failed')).toMatchObject({ actor: { user_id: null, name: reader.email }, target_id: String(reader.id), summary: { email: reader.email } });
    expect((await browser.login(reader.email, reader.password)).statusCode).toBe(200);
    expect(await latest('auth.signed_in')).toMatchObject({ actor: { user_id: reader.id }, summary: { method: 'password' } });
    expect((await browser.request('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect(await latest('auth.signed_out')).toMatchObject({ actor: { user_id: reader.id } });
    const raw = await sql<{ row: string }>`SELECT row_to_json(a)::text AS row FROM audit_entries a`.execute(harness.database.db);
    for (const { row } of raw.rows) expect(row).not.toContain(reader.password);
    const members = await sql<{ last_sign_in_at: Date | null }>`SELECT last_sign_in_at FROM users WHERE id = ${reader.id}`.execute(harness.database.db);
    expect(members.rows[0]!.last_sign_in_at).not.toBeNull();
  });

  it('records tokens created and revoked by name, never by value', async () => {
    const audit = { actor: { user_id: operator.id, token_id: null, name: 'operator' }, ip: '203.0.113.9' };
    const { token, value } = await createUserApiToken(harness.database.db, { userId: operator.id, name: 'Nightly export', expiresAt: null }, audit);
    expect(await latest('token.created')).toMatchObject({ actor: { user_id: operator.id }, target_type: 'api_token', target_id: String(token.id), summary: { name: 'Nightly export' }, ip: '203.0.113.9' });
    expect(await revokeUserApiToken(harness.database.db, { userId: operator.id, tokenId: token.id }, audit)).toBe(true);
    expect(await latest('token.revoked')).toMatchObject({ target_id: String(token.id) });
    const raw = await sql<{ row: string }>`SELECT row_to_json(a)::text AS row FROM audit_entries a`.execute(harness.database.db);
    for (const { row } of raw.rows) expect(row).not.toContain(value);
    // A revoked token is refused at once.
    expect((await bearer(harness.app, value, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of entries in the database itself', async () => {
    const [entry] = await trail();
    await expect(sql`UPDATE audit_entries SET action = 'tampered' WHERE id = ${entry!.id}`.execute(harness.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_entries WHERE id = ${entry!.id}`.execute(harness.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_entries`.execute(harness.database.db)).rejects.toThrow(/append-only/);
    expect((await trail())[0]).toEqual(entry);
  });

  it('filters by actor, action, tenant and time, pages by keyset, and exports the same filter as CSV', async () => {
    const all = await trail();
    const byManager = await trail(`&actor_user_id=${manager.id}`);
    expect(byManager.length).toBeGreaterThan(0);
    expect(byManager.every((entry) => entry.actor.user_id === manager.id)).toBe(true);
    const tenantId = all.find((entry) => entry.action === 'tenant.created')!.tenant_id!;
    expect((await trail(`&tenant_id=${tenantId}`)).every((entry) => entry.tenant_id === tenantId)).toBe(true);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(await trail(`&from=${future}`)).toEqual([]);
    expect((await trail(`&to=${future}`)).length).toBe(all.length);

    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await bearer(harness.app, reader.token, 'GET', `/api/workspaces/${workspaceId}/audit?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const page = response.json<{ entries: Entry[]; next_cursor: string | null }>();
      paged.push(...page.entries.map((entry) => entry.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(paged).toEqual(all.map((entry) => entry.id));

    const csv = await bearer(harness.app, reader.token, 'GET', `/api/workspaces/${workspaceId}/audit.csv?action=tenant.created`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('id,created_at,actor_user_id,actor_token_id,actor_name,action,action_label,tenant_id,tenant_name,target_type,target_id,target,summary,ip,summary_values');
    expect(lines.slice(1).every((line) => line.includes(',tenant.created,'))).toBe(true);
    const viaAccept = await harness.app.inject({ method: 'GET', url: `/api/workspaces/${workspaceId}/audit?action=tenant.created`, headers: { authorization: `Bearer ${reader.token}`, accept: 'text/csv' } });
    expect(viaAccept.body).toBe(csv.body);
  });

  it('writes entries in words with names, the same in the API and the CSV export (issue 20)', async () => {
    const all = await trail();
    const words = (action: string) => all.find((entry) => entry.action === action) as Entry & { action_label: string; target_label: string | null; summary_text: string; tenant_name: string | null };
    const created = words('tenant.created');
    expect(created).toMatchObject({ action_label: 'Tenant created', tenant_name: 'Audited Co', target_label: `tenant Audited Co (${created.tenant_id})` });
    expect(created.summary_text).toContain('Audited Co');
    expect(words('tenant.lifecycle_changed')).toMatchObject({ action_label: 'Lifecycle changed', summary_text: 'Draft → Onboarding' });
    const started = words('operation.started');
    expect(started).toMatchObject({ action_label: 'Operation started', target_label: `drift scan run #${started.target_id} of Operated`, summary_text: 'Drift scan' });
    const acknowledged = words('finding.acknowledged');
    expect(acknowledged).toMatchObject({ action_label: 'Finding acknowledged', target_label: `finding #${acknowledged.target_id} of Drifted`, summary_text: 'Baseline policy' });
    expect(words('finding.closed')).toMatchObject({ action_label: 'Closed as accepted risk', summary_text: 'Baseline policy; note: “Signed off”' });
    expect(words('schedule.changed')).toMatchObject({ target_label: 'the workspace', summary_text: 'Scheduled sync and scan: every 24 hours → every 6 hours' });
    // Nothing reads like machine output.
    for (const entry of all) expect(`${(entry as typeof created).summary_text} ${(entry as typeof created).target_label ?? ''}`).not.toMatch(/closed_reason|acknowledged: (true|false)|: null|\{|operation run \d/);

    const csv = await bearer(harness.app, reader.token, 'GET', `/api/workspaces/${workspaceId}/audit.csv?action=finding.closed`);
    const [header, row] = csv.body.trim().split('\n');
    expect(header).toBe('id,created_at,actor_user_id,actor_token_id,actor_name,action,action_label,tenant_id,tenant_name,target_type,target_id,target,summary,ip,summary_values');
    expect(row).toContain(',Closed as accepted risk,');
    expect(row).toContain(',Drifted,');
    expect(row).toContain(`,finding #${acknowledged.target_id} of Drifted,Baseline policy; note: “Signed off”,`);
  });

  it('answers bad filters with 400 naming the field', async () => {
    for (const [query, field] of [['action=tenant.exploded', 'action'], ['from=yesterday', 'from'], ['actor_user_id=me', 'actor_user_id'], ['cursor=nope', 'cursor']] as const) {
      const response = await bearer(harness.app, reader.token, 'GET', `/api/workspaces/${workspaceId}/audit?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.field, query).toBe(field);
    }
  });
});
