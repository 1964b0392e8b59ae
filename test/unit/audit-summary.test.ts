import { describe, expect, it } from 'vitest';
import { summaryText } from '../../web/src/components/audit/audit-summary';

// The one line the audit trail and a tenant's activity show for an entry: readable for every shape of summary.
describe('summaryText', () => {
  it('names the selection a run was started with instead of "[object Object]"', () => {
    expect(summaryText({ type: 'inventory.sync', selection: { policy_types: ['deviceCompliancePolicy', 'settingsCatalogPolicy'] } })).toBe(
      'type: inventory.sync, selection: (policy_types: deviceCompliancePolicy, settingsCatalogPolicy)',
    );
  });

  it('lists the first four of a long list and counts the rest', () => {
    const types = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(summaryText({ selection: { policy_types: types } })).toBe('selection: (policy_types: a, b, c, d and 3 more)');
    expect(summaryText({ selection: { policy_types: types.slice(0, 5) } })).toBe('selection: (policy_types: a, b, c, d, e)');
  });

  it('shows a change as before → after', () => {
    expect(summaryText({ before: { role: 'readonly' }, after: { role: 'manager' } })).toBe('role: readonly → role: manager');
  });

  it('says "was" for a removal and "none" for an empty list', () => {
    expect(summaryText({ before: { role: 'operator' } })).toBe('was role: operator');
    expect(summaryText({ policy_types: [] })).toBe('policy_types: none');
  });
});
