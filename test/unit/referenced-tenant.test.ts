import { describe, expect, it } from 'vitest';
import { buildReferencedTenantContext, present } from '../../src/domain/lifecycle';

describe('buildReferencedTenantContext on an operation run', () => {
  it('active tenant: presentation, no note', () => {
    const ctx = buildReferencedTenantContext({ id: 7, name: 'Contoso', status: 'active' }, 'operation_run');
    expect(ctx).toEqual({
      tenant_id: 7,
      tenant_name: 'Contoso',
      lifecycle_value: 'active',
      viewer_context: 'operation_run',
      context_note: null,
      lifecycle: present('active'),
    });
  });

  it.each(['onboarding', 'archived'] as const)('%s tenant: a note that explains the state and keeps the run valid', (status) => {
    const ctx = buildReferencedTenantContext({ id: 7, name: 'Contoso', status }, 'operation_run');
    expect(ctx.lifecycle?.value).toBe(status);
    expect(ctx.lifecycle?.is_invalid_fallback).toBe(false);
    expect(ctx.context_note).toMatch(status === 'archived' ? /archived/i : /onboarding/i);
    expect(ctx.context_note).toMatch(/run is (kept as history and remains )?valid/i);
    expect(ctx.context_note).not.toMatch(/invalid run|run is invalid/i);
  });

  it('draft tenant: a note that it is not onboarded yet', () => {
    const ctx = buildReferencedTenantContext({ id: 1, name: 'N', status: 'draft' }, 'operation_run');
    expect(ctx.context_note).toMatch(/not yet onboarded/i);
  });

  it('workspace-level run: no tenant at all', () => {
    expect(buildReferencedTenantContext(null, 'operation_run')).toEqual({
      tenant_id: null,
      tenant_name: null,
      lifecycle_value: null,
      viewer_context: 'operation_run',
      context_note: null,
      lifecycle: null,
    });
  });

  it('corrupt status: the invalid fallback with the raw value, flagged as a tenant data problem', () => {
    const ctx = buildReferencedTenantContext({ id: 3, name: 'Litware', status: 'ACTIVE ' }, 'operation_run');
    expect(ctx.lifecycle_value).toBe('ACTIVE ');
    expect(ctx.lifecycle?.is_invalid_fallback).toBe(true);
    expect(ctx.lifecycle?.value).toBe('ACTIVE ');
    expect(ctx.context_note).toMatch(/tenant's stored lifecycle value/i);
  });

  it('names the record for other viewer contexts', () => {
    expect(buildReferencedTenantContext({ id: 1, name: 'N', status: 'archived' }, 'report').context_note).toMatch(/report/);
  });
});
