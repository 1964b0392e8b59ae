// Workspace roles and what each may do (SPEC §5). Each role includes everything of the roles before it.
export const roles = ['readonly', 'operator', 'manager', 'owner'] as const;

export type Role = (typeof roles)[number];

export const capabilities = [
  'view',
  'start_operations',
  'acknowledge_findings',
  'cancel_operations',
  'manage_tenants',
  'manage_provider_connections',
  'close_findings',
  'manage_members',
] as const;

export type Capability = (typeof capabilities)[number];

const grantedFrom: Record<Capability, Role> = {
  view: 'readonly',
  start_operations: 'operator',
  acknowledge_findings: 'operator',
  // Cancelling affects work others started, so it sits with managers.
  cancel_operations: 'manager',
  manage_tenants: 'manager',
  manage_provider_connections: 'manager',
  close_findings: 'manager',
  manage_members: 'owner',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

export function can(role: Role, capability: Capability): boolean {
  return roles.indexOf(role) >= roles.indexOf(grantedFrom[capability]);
}

export function capabilitiesOf(role: Role): Capability[] {
  return capabilities.filter((c) => can(role, c));
}

/** The lowest role holding a capability, for "requires the manager role" messages. */
export function minimumRoleFor(capability: Capability): Role {
  return grantedFrom[capability];
}
