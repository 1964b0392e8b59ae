import { describe, expect, it } from 'vitest';
import { buildReferencedTenantContext } from '../../src/domain/lifecycle';

// Issue 20 item 18: the run viewer's tenant card said "fully managed … operations run normally" under a failed
// run, with nothing else. The lifecycle's words stay the lifecycle's (SPEC §2); the card's note says that the
// tenant's state is not the run's outcome, so the two never read as a contradiction.
const contoso = { id: 3, name: 'Contoso', status: 'active' };

describe('referenced tenant of a run that went wrong', () => {
  it('notes for an active tenant that this run failed or was partial, and that its lifecycle does not say how a run went', () => {
    const failed = buildReferencedTenantContext(contoso, 'operation_run', { outcome: 'failed' });
    expect(failed.lifecycle?.label).toBe('Active');
    expect(failed.context_note).toBe("This run failed; the tenant itself stays active. Its lifecycle says which operations may run for it, not how this run went: the run's own outcome and failures are on this page.");
    expect(buildReferencedTenantContext(contoso, 'operation_run', { outcome: 'partial' }).context_note).toMatch(/^This run was partial; the tenant itself stays active\./);
  });

  it('adds nothing for a run that succeeded or is still going, and keeps the notes of the other states', () => {
    expect(buildReferencedTenantContext(contoso, 'operation_run', { outcome: 'succeeded' }).context_note).toBeNull();
    expect(buildReferencedTenantContext(contoso, 'operation_run', { outcome: 'pending' }).context_note).toBeNull();
    expect(buildReferencedTenantContext({ ...contoso, status: 'archived' }, 'operation_run', { outcome: 'failed' }).context_note).toMatch(/archived since/);
  });
});
