import { describe, expect, it } from 'vitest';
import { can, capabilitiesOf } from '../../src/domain/access/roles';

describe('roles → capabilities (SPEC §5)', () => {
  it('readonly only views', () => {
    expect(capabilitiesOf('readonly')).toEqual(['view']);
  });
  it('operator also starts operations and acknowledges findings', () => {
    expect(capabilitiesOf('operator')).toEqual(['view', 'start_operations', 'acknowledge_findings']);
  });
  it('manager also manages tenants, lifecycle, provider connections and closes findings', () => {
    for (const c of ['manage_tenants', 'manage_provider_connections', 'close_findings', 'cancel_operations'] as const) {
      expect(can('manager', c)).toBe(true);
      expect(can('operator', c)).toBe(false);
    }
    expect(can('manager', 'manage_members')).toBe(false);
  });
  it('owner also manages members', () => {
    expect(can('owner', 'manage_members')).toBe(true);
  });
});
