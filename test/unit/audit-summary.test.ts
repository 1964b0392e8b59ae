import { describe, expect, it } from 'vitest';
import { describeAuditEntry, type AuditEntryFacts } from '../../src/domain/audit';

// Issue 20 item 23: the audit trail in words, with names — one home (domain/audit) for the API, the CSV and the
// console's table. Never "status: open, acknowledged: false, closed_reason: null → …", "tenant 3" or raw JSON.
const entry = (facts: Partial<AuditEntryFacts> & Pick<AuditEntryFacts, 'action'>): AuditEntryFacts => ({
  target_type: null,
  target_id: null,
  tenant_id: 3,
  tenant_name: 'Contoso',
  summary: {},
  ...facts,
});

describe('audit entries in words', () => {
  it('names a finding triage for what it did, never as a dump of fields', () => {
    const acknowledged = describeAuditEntry(
      entry({
        action: 'finding.acknowledged',
        target_type: 'finding',
        target_id: '12',
        summary: { subject: 'Windows baseline', before: { status: 'open', closed_reason: null, acknowledged: false }, after: { status: 'open', closed_reason: null, acknowledged: true } },
      }),
    );
    expect(acknowledged).toEqual({ action_label: 'Finding acknowledged', target_label: 'finding #12 of Contoso', summary_text: 'Windows baseline' });
    const closed = describeAuditEntry(
      entry({
        action: 'finding.closed',
        target_type: 'finding',
        target_id: '12',
        summary: { subject: 'Windows baseline', before: { status: 'open', closed_reason: null, acknowledged: true }, after: { status: 'closed', closed_reason: 'risk_accepted', acknowledged: true, note: 'Pilot group only' } },
      }),
    );
    expect(closed.action_label).toBe('Closed as accepted risk');
    expect(closed.summary_text).toBe('Windows baseline; note: “Pilot group only”');
    expect(describeAuditEntry(entry({ action: 'finding.closed', summary: { after: { closed_reason: 'false_positive' } } })).action_label).toBe('Closed as false positive');
  });

  it('names tenants and runs by name and number', () => {
    expect(describeAuditEntry(entry({ action: 'tenant.lifecycle_changed', target_type: 'tenant', target_id: '3', summary: { action: 'start_onboarding', before: { status: 'draft' }, after: { status: 'onboarding' } } }))).toEqual({
      action_label: 'Lifecycle changed',
      target_label: 'tenant Contoso (3)',
      summary_text: 'Draft → Onboarding',
    });
    const started = describeAuditEntry(entry({ action: 'operation.started', target_type: 'operation_run', target_id: '21', summary: { type: 'inventory.sync', selection: { policy_types: ['deviceCompliancePolicy', 'settingsCatalogPolicy'] } } }));
    expect(started).toEqual({ action_label: 'Operation started', target_label: 'inventory sync run #21 of Contoso', summary_text: 'Inventory sync of Compliance policy, Settings catalog policy' });
    // A tenant whose name is not known (an entry written before it was named) still reads as a tenant.
    expect(describeAuditEntry(entry({ action: 'tenant.created', target_type: 'tenant', target_id: '9', tenant_id: 9, tenant_name: null })).target_label).toBe('tenant #9');
  });

  it('writes member, token, schedule and sign-in entries as sentences', () => {
    expect(describeAuditEntry(entry({ action: 'member.role_changed', target_type: 'user', target_id: '5', tenant_id: null, summary: { email: 'ada@x.example', before: { role: 'readonly' }, after: { role: 'manager' } } }))).toEqual({
      action_label: 'Role changed',
      target_label: 'member ada@x.example',
      summary_text: 'Readonly → Manager',
    });
    expect(describeAuditEntry(entry({ action: 'schedule.changed', target_type: 'workspace', target_id: '1', tenant_id: null, summary: { before: { interval_hours: null }, after: { interval_hours: 12 } } })).summary_text).toBe(
      'Scheduled sync and scan: off → every 12 hours',
    );
    expect(describeAuditEntry(entry({ action: 'auth.sign_in_failed', target_type: 'user', tenant_id: null, summary: { email: 'eve@x.example', reason: 'wrong_password' } })).summary_text).toBe('eve@x.example: wrong password');
    expect(describeAuditEntry(entry({ action: 'provider_connection.saved', target_type: 'provider_connection', target_id: '4', summary: { after: { client_id: 'c1', entra_tenant_id: 'e1', client_secret: 'stored (not shown)' } } }))).toEqual({
      action_label: 'Provider connection saved',
      target_label: 'provider connection of Contoso',
      summary_text: 'Client id c1, Entra tenant id e1; the secret is stored and not shown',
    });
  });

  it('keeps an unknown action readable: its words from its name, its facts as "key: value"', () => {
    expect(describeAuditEntry(entry({ action: 'standard.applied', target_type: 'standard', target_id: '2', tenant_id: null, summary: { items: ['a', 'b', 'c', 'd', 'e', 'f'] } }))).toEqual({
      action_label: 'Standard applied',
      target_label: 'standard #2',
      summary_text: 'items: a, b, c, d and 2 more',
    });
  });
});
